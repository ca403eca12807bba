"""Client times must be plausible: 1900–2100, not too late to enter, not in the future; a 422 naming the field."""

from datetime import timedelta

import pytest

from tests.conftest import iso, new_uid
from tests.integration.rounds_helpers import check_body, notifier  # noqa: F401

pytestmark = pytest.mark.usefixtures("notifier")

ABSURD = ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59-14:00", "1899-12-31T23:00:00-05:00", "2101-01-01T00:00:00Z"]


@pytest.mark.parametrize("when", ABSURD)
def test_a_check_dated_outside_1900_to_2100_is_refused_naming_occurred_at(login, clock, when):
    answer = login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, occurred_at=when))
    assert answer.status_code == 422
    assert "occurred_at" in answer.get_json()["errors"]


@pytest.mark.parametrize("when", ABSURD)
def test_a_synced_check_dated_absurdly_is_a_422_for_that_record_only(login, clock, when):
    good = check_body(clock, resident_id=2)
    batch = {
        "records": [
            {"type": "rounds.check", "body": check_body(clock, occurred_at=when)},
            {"type": "rounds.check", "body": good},
        ]
    }
    answer = login("worker1").post("/api/v1/sync", json=batch)
    assert answer.status_code == 200
    bad, ok = answer.get_json()["results"]
    assert bad["status"] == 422 and "occurred_at" in bad["errors"]
    assert ok["status"] == 201


def test_a_check_older_than_the_late_entry_limit_is_refused(login, clock, demo):
    twenty_days = admission(clock, admitted_at=iso(clock.now - timedelta(days=20)))
    admitted = login("lead1").post("/api/v1/residents", json=twenty_days)
    resident_id = admitted.get_json()["id"]
    worker = login("worker1")
    eight_days = check_body(clock, resident_id=resident_id, occurred_at=iso(clock.now - timedelta(days=8)))
    answer = worker.post("/api/v1/rounds/checks", json=eight_days)
    assert answer.status_code == 422 and "7 days" in answer.get_json()["errors"]["occurred_at"][0]
    six_days = check_body(clock, resident_id=resident_id, occurred_at=iso(clock.now - timedelta(days=6)))
    stored = worker.post("/api/v1/rounds/checks", json=six_days)
    assert stored.status_code == 201 and stored.get_json()["late_entry"] is True


def test_the_late_entry_limit_is_configurable(login, clock, demo):
    demo.config["LATE_ENTRY_LIMIT_DAYS"] = 1
    body = check_body(clock, occurred_at=iso(clock.now - timedelta(days=2)))
    assert login("worker1").post("/api/v1/rounds/checks", json=body).status_code == 422


def test_a_check_past_the_future_tolerance_is_refused_naming_occurred_at(login, clock):
    body = check_body(clock, occurred_at=iso(clock.now + timedelta(minutes=3)))
    answer = login("worker1").post("/api/v1/rounds/checks", json=body)
    assert answer.status_code == 422 and "occurred_at" in answer.get_json()["errors"]


def admission(clock, **over):
    return {
        "unit_id": 1,
        "first_name": "Zoe",
        "last_name": "Quinn",
        "date_of_birth": "1990-04-01",
        "room": "N120",
        "admitted_at": iso(clock.now),
        "observation_level": "q60",
        **over,
    }


def test_a_date_of_birth_in_the_future_or_before_1900_is_refused(login, clock):
    lead = login("lead1")
    tomorrow_plus = (clock.now + timedelta(days=3)).date().isoformat()
    for born in (tomorrow_plus, "1899-12-31", "0001-01-01"):
        answer = lead.post("/api/v1/residents", json=admission(clock, date_of_birth=born))
        assert answer.status_code == 422 and "date_of_birth" in answer.get_json()["errors"], born


def test_an_admission_dated_absurdly_is_refused_but_an_old_one_may_be_entered(login, clock):
    lead = login("lead1")
    answer = lead.post("/api/v1/residents", json=admission(clock, admitted_at="0001-01-01T00:00:00Z"))
    assert answer.status_code == 422 and "admitted_at" in answer.get_json()["errors"]
    month_ago = lead.post("/api/v1/residents", json=admission(clock, admitted_at=iso(clock.now - timedelta(days=30))))
    assert month_ago.status_code == 201


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/events?unit_id=1&since=0001-01-01T00:00:00Z",
        "/api/v1/events?unit_id=1&until=9999-12-31T23:59:59-14:00",
        "/api/v1/reports/rounds?unit_id=1&from=9999-12-30T00:00:00-14:00&to=9999-12-31T23:59:59-14:00",
        "/api/v1/reports/rounds?unit_id=1&from=0001-01-01T00:00:00%2B14:00&to=0001-01-02T00:00:00Z",
    ],
)
def test_absurd_times_in_a_query_are_a_422_naming_the_parameter(login, path):
    answer = login("nurse1").get(path)
    assert answer.status_code == 422
    name = path.split("&")[-1].split("=")[0] if "until" in path or "since" in path else None
    errors = answer.get_json()["errors"]
    assert (name in errors) if name else ({"from", "to"} & set(errors))


def test_an_absurd_shift_start_for_a_handoff_is_a_422(login):
    answer = login("lead1").post("/api/v1/handoffs", json={"unit_id": 1, "shift_start": "0001-01-01T00:00:00Z"})
    assert answer.status_code == 422 and "shift_start" in answer.get_json()["errors"]


def test_voids_and_level_changes_use_the_same_time_rules(login, clock):
    body = {"uid": new_uid(), "occurred_at": "0001-01-01T00:00:00Z", "level": "q30", "reason": "calmer today"}
    answer = login("nurse1").post("/api/v1/residents/1/observation-level", json=body)
    assert answer.status_code == 422 and "occurred_at" in answer.get_json()["errors"]
