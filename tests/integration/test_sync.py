"""POST /api/v1/sync: each record answered on its own, nothing lost, nothing stored twice."""

from datetime import timedelta

import pytest

from tests.conftest import ApiClient, iso
from tests.integration.rounds_helpers import check_body, notifier  # noqa: F401

pytestmark = pytest.mark.usefixtures("notifier")


def stored_checks(login, batch):
    """The uids of batch found among the stored checks, each as often as stored."""
    sent = {record["body"]["uid"] for record in batch if isinstance(record["body"], dict)}
    items = login("nurse1").get("/api/v1/events?unit_id=1&kind=rounds.check&limit=1000").get_json()["items"]
    return sorted(e["uid"] for e in items if e["uid"] in sent)


def test_a_mixed_batch_answers_each_record_and_stores_the_good_ones_exactly_once(login, clock):
    worker = login("worker1")
    earlier = check_body(clock, resident_id=1)
    assert worker.post("/api/v1/rounds/checks", json=earlier).status_code == 201
    fresh = [check_body(clock, resident_id=r) for r in (2, 3, 4)]
    batch = [
        {"type": "rounds.check", "body": fresh[0]},
        {"type": "rounds.check", "body": earlier},
        {"type": "rounds.check", "body": {**earlier, "state": "tearful"}},
        {"type": "rounds.check", "body": check_body(clock, state="sleepy")},
        {"type": "rounds.check", "body": check_body(clock, resident_id=13)},
        {"type": "rounds.check", "body": check_body(clock, occurred_at=iso(clock.now + timedelta(minutes=9)))},
        {"type": "medobs.teleport", "body": check_body(clock)},
        {"type": "rounds.check", "body": "not an object"},
        {"type": "rounds.check", "body": fresh[1]},
        {"type": "rounds.check", "body": fresh[2]},
    ]
    answer = worker.post("/api/v1/sync", json={"records": batch})
    assert answer.status_code == 200
    results = answer.get_json()["results"]
    assert [r["status"] for r in results] == [201, 200, 409, 422, 404, 422, 422, 422, 201, 201]
    assert [r["uid"] for r in results][:3] == [fresh[0]["uid"], earlier["uid"], earlier["uid"]]
    assert "state" in results[3]["errors"] and "occurred_at" in results[5]["errors"] and "type" in results[6]["errors"]
    assert results[1]["id"] and results[0]["id"] != results[1]["id"]
    assert stored_checks(login, batch) == sorted([earlier["uid"]] + [b["uid"] for b in fresh])


def test_sending_the_same_batch_again_stores_nothing_twice(login, clock):
    worker = login("worker1")
    batch = [{"type": "rounds.check", "body": check_body(clock, resident_id=r)} for r in range(1, 13)]
    first = worker.post("/api/v1/sync", json={"records": batch}).get_json()["results"]
    again = worker.post("/api/v1/sync", json={"records": batch}).get_json()["results"]
    assert {r["status"] for r in first} == {201} and {r["status"] for r in again} == {200}
    assert [r["id"] for r in first] == [r["id"] for r in again]
    assert len(stored_checks(login, batch)) == 12


def test_a_record_the_callers_role_may_not_make_is_403_and_the_rest_still_go_in(login, clock):
    results = (
        login("admin")
        .post("/api/v1/sync", json={"records": [{"type": "rounds.check", "body": check_body(clock)}]})
        .get_json()["results"]
    )
    assert [r["status"] for r in results] == [403]


def test_alerts_of_a_synced_batch_are_raised_and_pushed(login, clock, notifier):
    batch = [
        {"type": "rounds.check", "body": check_body(clock, resident_id=5, state="agitated")},
        {"type": "rounds.check", "body": check_body(clock, resident_id=6, location="roof")},
    ]
    login("worker1").post("/api/v1/sync", json={"records": batch})
    pushed = [(p["kind"], p["resident_id"]) for e, p, _ in notifier.sent if e == "alert"]
    assert ("behavior_change", 5) in pushed


def test_more_than_500_records_or_none_is_refused_whole(login, clock):
    worker = login("worker1")
    too_many = [{"type": "rounds.check", "body": check_body(clock)} for _ in range(501)]
    assert worker.post("/api/v1/sync", json={"records": too_many}).status_code == 422
    assert worker.post("/api/v1/sync", json={"records": []}).status_code == 422
    assert stored_checks(login, too_many) == []


def test_sync_needs_a_session_and_the_csrf_token(demo, login, clock):
    body = {"records": [{"type": "rounds.check", "body": check_body(clock)}]}
    assert ApiClient(demo).post("/api/v1/sync", json=body).status_code == 400
    assert login("worker1").http.post("/api/v1/sync", json=body).status_code == 400
    assert stored_checks(login, body["records"]) == []


def test_after_an_idle_logout_the_batch_is_refused_401_and_goes_in_after_logging_in_again(login, clock):
    worker = login("worker1")
    body = {"records": [{"type": "rounds.check", "body": check_body(clock)}]}
    clock.advance(minutes=16)
    assert worker.post("/api/v1/sync", json=body).status_code == 401
    assert [r["status"] for r in login("worker1").post("/api/v1/sync", json=body).get_json()["results"]] == [201]
