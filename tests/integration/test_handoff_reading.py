"""A handoff a lead can read: words not codes, an action for every unstable resident, a believable demo shift."""

from datetime import timedelta

import pytest

from facility.demo import load_demo
from facility.timeutil import shift_containing
from tests.conftest import MIDSHIFT, Clock, iso, new_uid
from tests.integration.rounds_helpers import notifier  # noqa: F401
from tests.integration.test_handoff import NY, STARTS


@pytest.fixture
def clock():
    return Clock.at(MIDSHIFT)


@pytest.mark.slow(reason="loads the demo with a whole shift of history, about a thousand checks through the write path")
def test_the_demos_first_handoff_reads_like_a_real_shift(app, clock):
    from tests.conftest import ApiClient

    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        load_demo(session, history=True)
        session.commit()
        session.close()
    summary = ApiClient(app, "lead1").post("/api/v1/handoffs", json={"unit_id": 1}).get_json()["summary"]
    rounds = summary["rounds"]
    assert rounds["checks"] > 150 and rounds["on_time_pct"] >= 85 and rounds["missed"] <= 3
    assert summary["census"]["start"] == 12


def test_an_unstable_resident_always_has_an_action_and_codes_read_as_words(demo, login, clock, notifier):
    shift = shift_containing(clock.now, STARTS, NY)
    missing = {
        "uid": new_uid(),
        "resident_id": 2,
        "occurred_at": iso(clock.now),
        "location": "unable_to_locate",
        "state": "not_seen",
    }
    assert login("worker1").post("/api/v1/rounds/checks", json=missing).status_code == 201
    clock.now = shift.end + timedelta(minutes=1)
    summary = login("lead1").post("/api/v1/handoffs", json={"unit_id": 1}).get_json()["summary"]
    residents = {r["resident_id"]: r for r in summary["residents"]}
    assert residents[2]["severity"] == "unstable" and residents[2]["actions"]
    assert any("resident missing" in action for action in residents[2]["actions"])
    assert all(r["actions"] for r in summary["residents"] if r["severity"] == "unstable")
    assert residents[12]["summary"].startswith("one to one observation")
    assert "self-harm" in residents[6]["summary"]
    every_line = [line for r in summary["residents"] for line in r["events"] + r["actions"] + [r["summary"]]]
    assert not [line for line in every_line if "(s)" in line or "_" in line]


def test_the_handoff_page_counts_in_words_and_says_what_its_on_time_share_is_of(demo, login, clock, notifier):
    worker = login("worker1")
    for rid in (2, 3):
        check = {
            "uid": new_uid(),
            "resident_id": rid,
            "occurred_at": iso(clock.now),
            "location": "own_room",
            "state": "awake_calm",
        }
        assert worker.post("/api/v1/rounds/checks", json=check).status_code == 201
    clock.now = shift_containing(clock.now, STARTS, NY).end + timedelta(minutes=1)
    lead = login("lead1")
    built = lead.post("/api/v1/handoffs", json={"unit_id": 1}).get_json()
    page = lead.get(f"/handoffs/{built['id']}").get_data(as_text=True)
    assert "0 new reports, 0 reviewed, 0 closed" in page and "revieweds" not in page and "closeds" not in page
    rounds = built["summary"]["rounds"]
    due = rounds["checks"] + rounds["missed"]
    assert rounds["checks"] >= 2 and rounds["missed"] >= 1  # the demo's shift: some made, some missed
    assert (
        f"{rounds['checks']} checks made, {rounds['missed']} missed: {rounds['on_time_pct']} % of the {due} due" in page
    )
    assert "On time, of their checks" in page and "Missed checks are no one's" in page
