"""The write path scopes before it replays, and nothing is recorded before the resident arrived."""

from datetime import timedelta

from tests.conftest import iso
from tests.integration.rounds_helpers import check_body


def test_a_uid_from_another_unit_is_not_found_whatever_the_body(login, clock):
    north_check = check_body(clock, resident_id=1)
    assert login("worker1").post("/api/v1/rounds/checks", json=north_check).status_code == 201
    south = login("worker2")
    same = south.post("/api/v1/rounds/checks", json=north_check)
    different = south.post("/api/v1/rounds/checks", json={**north_check, "state": "anxious"})
    assert (same.status_code, different.status_code) == (404, 404)  # neither the record nor the uid's use leaks
    batch = south.post("/api/v1/sync", json={"records": [{"type": "rounds.check", "body": north_check}]})
    assert batch.get_json()["results"][0]["status"] == 404


def test_a_check_dated_before_the_residents_admission_is_422_naming_occurred_at(login, clock):
    lead = login("lead1")
    admitted = lead.post(
        "/api/v1/residents",
        json={
            "unit_id": 1,
            "first_name": "Ola",
            "last_name": "Berg",
            "date_of_birth": "1985-02-03",
            "room": "N120",
            "admitted_at": iso(clock.now - timedelta(hours=1)),
            "observation_level": "q60",
        },
    ).get_json()
    early = check_body(clock, resident_id=admitted["id"], occurred_at=iso(clock.now - timedelta(hours=2)))
    answer = login("worker1").post("/api/v1/rounds/checks", json=early)
    assert answer.status_code == 422 and "occurred_at" in answer.get_json()["errors"]
    assert (
        login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=admitted["id"])).status_code
        == 201
    )
