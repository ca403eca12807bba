"""The append-only record: idempotent uids, time rules, amendments, voids, and no changes in place."""

from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from facility.db import AppendOnlyError
from facility.records.models import Event
from tests.conftest import iso, new_uid


def level_change(clock, **over):
    return {"uid": new_uid(), "occurred_at": iso(clock.now), "level": "q15", "reason": "settling", **over}


def test_same_uid_and_body_returns_the_stored_record_with_200(login, clock):
    nurse, body = login("nurse1"), level_change(clock)
    first = nurse.post("/api/v1/residents/3/observation-level", json=body)
    again = nurse.post("/api/v1/residents/3/observation-level", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["id"] == again.get_json()["id"]
    assert len(nurse.get("/api/v1/events?unit_id=1&kind=observation.level_changed").get_json()["items"]) == 1


def test_same_uid_with_a_different_body_is_409_and_changes_nothing(login, clock):
    nurse, body = login("nurse1"), level_change(clock)
    nurse.post("/api/v1/residents/3/observation-level", json=body)
    clash = nurse.post("/api/v1/residents/3/observation-level", json={**body, "level": "q5"})
    assert clash.status_code == 409 and clash.get_json()["code"] == 409
    assert nurse.get("/api/v1/residents/3").get_json()["observation_level"] == "q15"


def test_naive_and_future_times_are_422_naming_occurred_at(login, clock):
    nurse = login("nurse1")
    naive = nurse.post(
        "/api/v1/residents/3/observation-level",
        json=level_change(clock, occurred_at=clock.now.replace(tzinfo=None).isoformat()),
    )
    future = nurse.post(
        "/api/v1/residents/3/observation-level",
        json=level_change(clock, occurred_at=iso(clock.now + timedelta(minutes=5))),
    )
    assert naive.status_code == future.status_code == 422
    assert "occurred_at" in naive.get_json()["errors"] and "occurred_at" in future.get_json()["errors"]


def test_an_entry_made_late_is_stored_and_flagged(login, clock):
    answer = login("nurse1").post(
        "/api/v1/residents/3/observation-level",
        json=level_change(clock, occurred_at=iso(clock.now - timedelta(minutes=30))),
    )
    assert answer.status_code == 201 and answer.get_json()["late_entry"] is True


def test_amendment_supersedes_the_original_which_stays_in_the_log(login, clock):
    nurse = login("nurse1")
    original = level_change(clock)
    nurse.post("/api/v1/residents/3/observation-level", json=original)
    amend = {"uid": new_uid(), "reason": "typo in reason", "data": {"reason": "settling after visit"}}
    answer = nurse.post(f"/api/v1/events/{original['uid']}/amend", json=amend)
    assert answer.status_code == 201 and answer.get_json()["corrects_uid"] == original["uid"]
    assert nurse.post(f"/api/v1/events/{original['uid']}/amend", json=amend).status_code == 200
    items = {e["uid"]: e for e in nurse.get("/api/v1/events?unit_id=1&resident_id=3").get_json()["items"]}
    assert items[original["uid"]]["effective"] is False
    assert items[original["uid"]]["data"]["reason"] == "settling"
    assert items[amend["uid"]]["effective"] is True and items[amend["uid"]]["actor_id"] == nurse.user["id"]


def test_void_withdraws_a_record_and_it_cannot_be_amended_after(login, clock):
    nurse = login("nurse1")
    original = level_change(clock)
    nurse.post("/api/v1/residents/3/observation-level", json=original)
    voided = nurse.post(f"/api/v1/events/{original['uid']}/void", json={"uid": new_uid(), "reason": "wrong resident"})
    assert voided.status_code == 201
    late = nurse.post(
        f"/api/v1/events/{original['uid']}/amend", json={"uid": new_uid(), "reason": "fix", "data": {"reason": "x"}}
    )
    assert late.status_code == 409


def test_a_worker_may_not_correct_someone_elses_record(login, clock):
    original = level_change(clock)
    login("nurse1").post("/api/v1/residents/3/observation-level", json=original)
    answer = login("worker1").post(f"/api/v1/events/{original['uid']}/void", json={"uid": new_uid(), "reason": "nope"})
    assert answer.status_code == 403


def test_amending_a_field_the_record_lacks_is_422(login, clock):
    nurse, original = login("nurse1"), level_change(clock)
    nurse.post("/api/v1/residents/3/observation-level", json=original)
    answer = nurse.post(
        f"/api/v1/events/{original['uid']}/amend", json={"uid": new_uid(), "reason": "oops", "data": {"colour": "red"}}
    )
    assert answer.status_code == 422 and "data" in answer.get_json()["errors"]


def test_events_page_by_after_id(login, clock):
    nurse = login("nurse1")
    for _ in range(3):
        nurse.post("/api/v1/residents/3/observation-level", json=level_change(clock))
    first = nurse.get("/api/v1/events?unit_id=1&limit=2&kind=observation.level_changed").get_json()
    assert len(first["items"]) == 2 and first["next_after_id"] == first["items"][-1]["id"]
    rest = nurse.get(f"/api/v1/events?unit_id=1&kind=observation.level_changed&after_id={first['next_after_id']}")
    assert len(rest.get_json()["items"]) == 1 and rest.get_json()["next_after_id"] is None


def test_workers_cannot_read_the_raw_log_and_other_units_are_404(login):
    assert login("worker1").get("/api/v1/events?unit_id=1").status_code == 403
    assert login("nurse1").get("/api/v1/events?unit_id=2").status_code == 404
    assert login("nurse1").get("/api/v1/events").status_code == 422


def test_the_orm_refuses_to_update_or_delete_an_event(demo, session):
    event = session.scalars(select(Event)).first()
    event.data = {"changed": True}
    with pytest.raises(AppendOnlyError):
        session.flush()
    session.rollback()
    session.delete(session.scalars(select(Event)).first())
    with pytest.raises(AppendOnlyError):
        session.flush()


@pytest.mark.parametrize("statement", ["UPDATE events SET kind = 'x'", "DELETE FROM events"])
def test_the_database_refuses_sql_that_changes_events(demo, session, statement):
    before = session.scalar(text("SELECT count(*) FROM events"))
    session.rollback()
    with pytest.raises(DatabaseError, match="append-only"):
        session.execute(text(statement))
    session.rollback()
    assert session.scalar(text("SELECT count(*) FROM events")) == before > 0
