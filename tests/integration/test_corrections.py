"""Corrections go through the corrected kind's own schema and its rules see the record now in force."""

import pytest

from tests.conftest import iso, new_uid
from tests.integration.rounds_helpers import check_body, notifier, open_alerts  # noqa: F401

pytestmark = pytest.mark.usefixtures("notifier")


def amend(client, uid, data, reason="entered wrongly"):
    return client.post(f"/api/v1/events/{uid}/amend", json={"uid": new_uid(), "reason": reason, "data": data})


def void(client, uid, reason="wrong resident"):
    return client.post(f"/api/v1/events/{uid}/void", json={"uid": new_uid(), "reason": reason})


@pytest.mark.parametrize(
    "data, field",
    [
        ({"location": "banana"}, "location"),
        ({"state": 42}, "state"),
        ({"state": ["asleep"]}, "state"),
        ({"mood": "fine"}, "mood"),
        ({"state": "asleep"}, "breathing_observed"),
    ],
)
def test_an_amendment_that_breaks_the_checks_schema_is_422_naming_the_field(login, clock, data, field):
    worker = login("worker1")
    check = check_body(clock, resident_id=4)
    worker.post("/api/v1/rounds/checks", json=check)
    answer = amend(worker, check["uid"], data)
    assert answer.status_code == 422
    assert field in answer.get_json()["errors"]["data"]
    effective = login("nurse1").get("/api/v1/events?unit_id=1&resident_id=4&kind=rounds.check").get_json()["items"]
    assert [e["effective"] for e in effective if e["uid"] == check["uid"]] == [True]  # nothing stored


def test_a_valid_amendment_is_in_force_and_a_later_handoff_reads_it(login, clock):
    worker = login("worker1")
    check = check_body(clock, resident_id=4)
    worker.post("/api/v1/rounds/checks", json=check)
    assert amend(worker, check["uid"], {"location": "dayroom"}).status_code == 201
    assert amend(worker, check["uid"], {"note": "watching TV"}).status_code == 201
    items = login("nurse1").get("/api/v1/events?unit_id=1&resident_id=4&kind=event.amended").get_json()["items"]
    latest = [i for i in items if i["effective"]][0]["data"]["data"]
    assert latest["location"] == "dayroom" and latest["note"] == "watching TV"  # amendments add up


def test_voiding_an_unable_to_locate_check_resolves_resident_missing(login, clock):
    worker = login("worker1")
    check = check_body(clock, resident_id=4, location="unable_to_locate")
    worker.post("/api/v1/rounds/checks", json=check)
    assert ("resident_missing", "critical", 4) in open_alerts(login("nurse1").http.application)
    assert void(worker, check["uid"]).status_code == 201
    assert [a for a in open_alerts(worker.http.application) if a[0] == "resident_missing"] == []


def test_amending_a_check_to_unable_to_locate_raises_resident_missing_and_back_resolves_it(login, clock):
    worker = login("worker1")
    check = check_body(clock, resident_id=4)
    worker.post("/api/v1/rounds/checks", json=check)
    app = worker.http.application
    assert amend(worker, check["uid"], {"location": "unable_to_locate"}).status_code == 201
    assert ("resident_missing", "critical", 4) in open_alerts(app)
    assert amend(worker, check["uid"], {"location": "own_room"}).status_code == 201
    assert ("resident_missing", "critical", 4) not in open_alerts(app)


def test_voiding_a_level_change_puts_the_resident_back_on_the_level_in_force(login, clock):
    nurse = login("nurse1")
    before = nurse.get("/api/v1/residents/4").get_json()["observation_level"]
    change = {"uid": new_uid(), "occurred_at": iso(clock.now), "level": "q5", "reason": "agitated at lunch"}
    assert nurse.post("/api/v1/residents/4/observation-level", json=change).status_code == 201
    assert nurse.get("/api/v1/residents/4").get_json()["observation_level"] == "q5"
    assert void(nurse, change["uid"]).status_code == 201
    assert nurse.get("/api/v1/residents/4").get_json()["observation_level"] == before


def test_an_admission_is_not_corrected_in_place(login, demo):
    nurse = login("nurse1")
    admitted = nurse.get("/api/v1/events?unit_id=1&resident_id=4&kind=resident.admitted").get_json()["items"][0]
    assert amend(login("lead1"), admitted["uid"], {"room": "N999"}).status_code == 409
