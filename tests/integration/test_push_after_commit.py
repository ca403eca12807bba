"""Pushes leave only after the outermost COMMIT, and a savepoint's rollback drops only its own pushes."""

import pytest
from sqlalchemy import text

from facility.db import on_commit
from facility.scheduler import sweep
from tests.integration.rounds_helpers import check_body


class WitnessNotifier:
    """Looks at the database from another connection at the moment of each push: is it committed yet?"""

    def __init__(self, app) -> None:
        self.engine = app.extensions["facility_db"].engine
        self.seen: list[tuple[str, int, bool]] = []

    def emit(self, event, payload, room):
        with self.engine.connect() as conn:
            row = conn.execute(text("SELECT resolved_at FROM alerts WHERE id = :id"), {"id": payload["id"]}).first()
        if event == "alert_resolved":
            committed = row is not None and row[0] is not None
        else:
            committed = row is not None
        self.seen.append((event, payload["id"], committed))


@pytest.fixture
def witness(demo):
    from facility.alerts.notifier import install

    fake = WitnessNotifier(demo)
    install(demo, fake)
    return fake


def test_a_check_that_clears_overdue_and_raises_behaviour_pushes_both_after_commit(demo, login, clock, witness):
    login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=1))
    sweep(demo, clock.advance(minutes=18))
    witness.seen.clear()
    answer = login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=1, state="agitated"))
    assert answer.status_code == 201
    assert [event for event, _, _ in witness.seen] == ["alert_resolved", "alert"]
    assert all(committed for _, _, committed in witness.seen), witness.seen


def test_a_two_record_sync_pushes_nothing_before_its_commit(demo, login, clock, witness):
    records = [{"type": "rounds.check", "body": check_body(clock, resident_id=rid, state="agitated")} for rid in (1, 2)]
    answer = login("worker1").post("/api/v1/sync", json={"records": records})
    assert [r["status"] for r in answer.get_json()["results"]] == [201, 201]
    assert len(witness.seen) == 2
    assert all(committed for _, _, committed in witness.seen), witness.seen


def test_a_refused_record_in_a_batch_keeps_the_pushes_of_the_others(demo, login, clock, witness):
    records = [
        {"type": "rounds.check", "body": check_body(clock, resident_id=1, state="agitated")},
        {"type": "rounds.check", "body": check_body(clock, resident_id=99999, state="agitated")},
        {"type": "rounds.check", "body": check_body(clock, resident_id=2, state="agitated")},
    ]
    answer = login("worker1").post("/api/v1/sync", json={"records": records})
    assert [r["status"] for r in answer.get_json()["results"]] == [201, 404, 201]
    assert len(witness.seen) == 2 and all(committed for _, _, committed in witness.seen)


def test_a_uid_race_inside_a_batch_keeps_the_pushes_queued_before_it(demo, login, clock, witness, monkeypatch):
    """The second record's uid is stored already but the look-up misses it, as when a retry races the original."""
    from facility.census import writes

    worker = login("worker1")
    repeat = check_body(clock, resident_id=3)
    assert worker.post("/api/v1/rounds/checks", json=repeat).status_code == 201
    real = writes.find_replay
    calls = {"n": 0}

    def miss_once(session, uid, body, kind=None):
        if str(uid) == repeat["uid"] and calls["n"] == 0:
            calls["n"] += 1
            return None
        return real(session, uid, body, kind)

    monkeypatch.setattr(writes, "find_replay", miss_once)
    records = [
        {"type": "rounds.check", "body": check_body(clock, resident_id=1, state="agitated")},
        {"type": "rounds.check", "body": repeat},
    ]
    answer = worker.post("/api/v1/sync", json={"records": records})
    assert [r["status"] for r in answer.get_json()["results"]] == [201, 200]
    assert calls["n"] == 1
    assert [event for event, _, _ in witness.seen] == ["alert"]
    assert all(committed for _, _, committed in witness.seen)


class TestTransactionLevels:
    """on_commit follows the transaction level that queued the callback."""

    def test_release_of_a_savepoint_runs_nothing_and_the_commit_runs_everything_once(self, session):
        ran = []
        on_commit(session, lambda: ran.append("outer"))
        with session.begin_nested():
            on_commit(session, lambda: ran.append("inner"))
            with session.begin_nested():
                on_commit(session, lambda: ran.append("innermost"))
        assert ran == []
        session.commit()
        assert ran == ["outer", "inner", "innermost"]
        session.commit()
        assert ran == ["outer", "inner", "innermost"]

    def test_rollback_of_a_savepoint_drops_only_its_own_callbacks(self, session):
        ran = []
        on_commit(session, lambda: ran.append("before"))
        with pytest.raises(ValueError):
            with session.begin_nested():
                on_commit(session, lambda: ran.append("dropped"))
                raise ValueError
        on_commit(session, lambda: ran.append("after"))
        session.commit()
        assert ran == ["before", "after"]

    def test_rollback_of_the_transaction_drops_everything(self, session):
        ran = []
        on_commit(session, lambda: ran.append("x"))
        with session.begin_nested():
            on_commit(session, lambda: ran.append("y"))
        session.rollback()
        session.commit()
        assert ran == []
