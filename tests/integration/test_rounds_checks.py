"""POST /api/v1/rounds/checks: validation, idempotency, scoping and roles, and the board it moves."""

from datetime import timedelta

import pytest

from tests.conftest import iso, new_uid
from tests.integration.rounds_helpers import check_body, notifier  # noqa: F401

pytestmark = pytest.mark.usefixtures("notifier")


def test_a_check_is_stored_as_an_event_and_answered_201(login, clock):
    worker = login("worker1")
    body = check_body(clock, resident_id=2, note="reading")
    answer = worker.post("/api/v1/rounds/checks", json=body)
    assert answer.status_code == 201
    stored = answer.get_json()
    assert {k: stored[k] for k in ("uid", "resident_id", "location", "state", "note", "late_entry")} == {
        "uid": body["uid"],
        "resident_id": 2,
        "location": "own_room",
        "state": "awake_calm",
        "note": "reading",
        "late_entry": False,
    }
    assert stored["breathing_observed"] is None and stored["recorded_at"] and stored["id"]
    events = login("nurse1").get("/api/v1/events?unit_id=1&kind=rounds.check&resident_id=2").get_json()["items"]
    assert [e["uid"] for e in events].count(body["uid"]) == 1


def test_the_same_check_sent_twice_is_stored_once_and_answered_200(login, clock):
    worker, body = login("worker1"), check_body(clock)
    first, again = (worker.post("/api/v1/rounds/checks", json=body) for _ in range(2))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["id"] == again.get_json()["id"]
    events = login("nurse1").get("/api/v1/events?unit_id=1&kind=rounds.check").get_json()["items"]
    assert [e["uid"] for e in events].count(body["uid"]) == 1


def test_a_reused_uid_with_another_body_is_409(login, clock):
    worker, body = login("worker1"), check_body(clock)
    worker.post("/api/v1/rounds/checks", json=body)
    clash = worker.post("/api/v1/rounds/checks", json={**body, "state": "anxious"})
    assert clash.status_code == 409


@pytest.mark.parametrize(
    "over,field",
    [
        ({"location": "roof"}, "location"),
        ({"state": "sleepy"}, "state"),
        ({"state": "asleep"}, "breathing_observed"),
        ({"resident_id": "one"}, "resident_id"),
        ({"occurred_at": "2026-01-01T10:00:00"}, "occurred_at"),
        ({"uid": "not-a-uuid"}, "uid"),
    ],
)
def test_bad_input_is_422_naming_the_field(login, clock, over, field):
    answer = login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, **over))
    assert answer.status_code == 422 and field in answer.get_json()["errors"]


def test_a_check_in_the_future_is_422(login, clock):
    body = check_body(clock, occurred_at=iso(clock.now + timedelta(minutes=5)))
    answer = login("worker1").post("/api/v1/rounds/checks", json=body)
    assert answer.status_code == 422 and "occurred_at" in answer.get_json()["errors"]


def test_asleep_with_breathing_observed_is_a_complete_check(login, clock):
    body = check_body(clock, state="asleep", breathing_observed=True)
    answer = login("worker1").post("/api/v1/rounds/checks", json=body)
    assert answer.status_code == 201 and answer.get_json()["breathing_observed"] is True


def test_a_discharged_resident_cannot_be_checked(login, clock):
    login("lead1").post("/api/v1/residents/3/discharge", json={"uid": new_uid(), "occurred_at": iso(clock.now)})
    answer = login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=3))
    assert answer.status_code == 422 and "resident_id" in answer.get_json()["errors"]


def test_a_resident_of_another_unit_answers_404(login, clock):
    assert login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=13)).status_code == 404


@pytest.mark.parametrize("username,status", [("worker1", 201), ("nurse1", 201), ("lead1", 201), ("admin", 403)])
def test_workers_nurses_and_leads_record_checks_but_not_admins(login, clock, username, status):
    assert login(username).post("/api/v1/rounds/checks", json=check_body(clock)).status_code == status


def test_a_check_recorded_late_is_flagged(login, clock):
    body = check_body(clock, occurred_at=iso(clock.now - timedelta(minutes=25)))
    assert login("worker1").post("/api/v1/rounds/checks", json=body).get_json()["late_entry"] is True


def test_a_check_moves_the_resident_down_the_board(login, clock):
    worker = login("worker1")
    clock.advance(minutes=10)
    before = {r["id"]: r for r in worker.get("/api/v1/units/1/board").get_json()["residents"]}
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=1))
    after = {r["id"]: r for r in worker.get("/api/v1/units/1/board").get_json()["residents"]}
    assert after[1]["last_check_at"] == iso(clock.now)
    assert after[1]["next_check_due_at"] == iso(clock.now + timedelta(minutes=15))
    assert after[1]["status"] == "ok" and after[1]["next_check_due_at"] > before[1]["next_check_due_at"]


def test_a_voided_check_no_longer_counts_on_the_board(login, clock):
    worker, body = login("worker1"), check_body(clock, resident_id=1)
    first = worker.post("/api/v1/rounds/checks", json=body).get_json()
    clock.advance(minutes=5)
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=1))
    latest = [r for r in worker.get("/api/v1/units/1/board").get_json()["residents"] if r["id"] == 1][0]
    assert latest["last_check_at"] == iso(clock.now)
    second_uid = login("nurse1").get("/api/v1/events?unit_id=1&kind=rounds.check").get_json()["items"][-1]["uid"]
    worker.post(f"/api/v1/events/{second_uid}/void", json={"uid": new_uid(), "reason": "wrong resident"})
    row = [r for r in worker.get("/api/v1/units/1/board").get_json()["residents"] if r["id"] == 1][0]
    assert row["last_check_at"] == first["occurred_at"]
