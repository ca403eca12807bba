"""What each exported resource type says: the values that matter, in R4B, with New York's offset on every time."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from tests.integration.fhir_helpers import by_type, fhir, record_a_morning, validate  # noqa: F401
from tests.integration.incidents_helpers import NURSE1, WORKER1, desk, noon, notifier  # noqa: F401

EDT = "-04:00"  # noon on 10 June 2026 in New York
ZONE = ZoneInfo("America/New_York")


@pytest.fixture
def exported(fhir):
    """The morning's records and every resource of a full export of North."""
    ids = record_a_morning(fhir.desk)
    return ids, fhir.resources(fhir.export())


def one(resources, resource_type, resource_id):
    (found,) = [r for r in by_type(resources, resource_type) if r["id"] == str(resource_id)]
    validate(found)
    return found


def with_uid(resources, resource_type, uid):
    (found,) = [r for r in by_type(resources, resource_type) if r["identifier"][0]["value"] == f"urn:uuid:{uid}"]
    validate(found)
    return found


def test_a_resident_is_a_patient_with_names_birth_date_and_record_number(exported, session):
    from facility.census.models import Resident

    _ids, resources = exported
    resident = session.get(Resident, 1)
    patient = one(resources, "Patient", 1)
    assert patient["name"][0] == {"use": "official", "family": resident.last_name, "given": [resident.first_name]}
    assert patient["birthDate"] == resident.date_of_birth.isoformat()
    assert patient["active"] is True
    if resident.record_number:
        assert patient["identifier"][0]["value"] == resident.record_number


def test_the_stay_is_an_inpatient_encounter_from_admission_on_the_unit(exported, session):
    from facility.census.models import Resident

    _ids, resources = exported
    stay = one(resources, "Encounter", 1)
    admitted = session.get(Resident, 1).admitted_at
    assert stay["status"] == "in-progress"
    assert stay["class"]["code"] == "IMP"
    assert stay["period"]["start"] == admitted.astimezone(ZONE).isoformat()
    assert stay["period"]["start"].endswith(EDT) and "end" not in stay["period"]
    assert stay["location"][0]["location"] == {"reference": "Location/1"}


def test_a_rounds_check_is_an_observation_of_the_state_where_and_breathing_by_its_worker(exported):
    _ids, resources = exported
    checks = [o for o in by_type(resources, "Observation") if o["code"]["coding"][0]["code"] == "rounds-check"]
    asleep = [o for o in checks if o["valueCodeableConcept"]["coding"][0]["code"] == "check-state.asleep"]
    assert asleep, "the morning's asleep check"
    check = asleep[-1]
    validate(check)
    assert check["valueCodeableConcept"]["coding"][0]["system"] == "https://facility.example/fhir/CodeSystem/facility"
    assert check["effectiveDateTime"] == "2026-06-10T12:00:00" + EDT
    assert check["subject"] == {"reference": "Patient/1"}
    assert check["performer"] == [{"reference": f"Practitioner/{WORKER1}"}]
    location, breathing = check["component"]
    assert location["valueCodeableConcept"]["coding"][0]["code"] == "check-location.own_room"
    assert breathing == {**breathing, "valueBoolean": True}


def test_a_level_change_and_adl_support_are_observations_with_facility_codes(exported):
    _ids, resources = exported
    codes = {
        (o["code"]["coding"][0]["code"], o["valueCodeableConcept"]["coding"][0]["code"])
        for o in by_type(resources, "Observation")
        if "valueCodeableConcept" in o  # an assessment's total is a number (test_fhir_clinical.py)
    }
    assert ("observation-level-set", "observation-level.q15") in codes
    assert ("adl-activity.meal", "adl-support.supervision") in codes
    (meal,) = [
        o
        for o in by_type(resources, "Observation")
        if o["code"]["coding"][0]["code"] == "adl-activity.meal"
        and o["subject"] == {"reference": "Patient/4"}
        and o["effectiveDateTime"] == "2026-06-10T12:00:00" + EDT
    ]
    assert meal["component"][0]["valueQuantity"]["value"] == 50


def test_an_order_is_a_medication_request_with_its_times_and_prescriber(exported):
    _ids, resources = exported
    (order,) = [m for m in by_type(resources, "MedicationRequest") if m["subject"] == {"reference": "Patient/4"}][-1:]
    validate(order)
    assert order["status"] == "active" and order["intent"] == "order"
    assert order["medicationCodeableConcept"]["text"] == "risperidone 2 mg"
    assert order["dosageInstruction"][0]["timing"]["repeat"]["timeOfDay"] == ["12:00:00", "20:00:00"]
    assert order["requester"] == {"reference": f"Practitioner/{NURSE1}"}
    assert order["authoredOn"].endswith(EDT)


def test_a_dose_taken_names_the_resident_as_performer_and_the_worker_as_witness(exported):
    ids, resources = exported
    dose = with_uid(resources, "MedicationAdministration", ids["taken"])
    assert dose["status"] == "completed"
    assert dose["effectiveDateTime"] == "2026-06-10T12:00:00" + EDT
    functions = {p["function"]["coding"][0]["code"]: p["actor"] for p in dose["performer"]}
    assert functions == {"performer": {"reference": "Patient/4"}, "witness": {"reference": f"Practitioner/{WORKER1}"}}
    assert all(
        p["function"]["coding"][0]["system"] == "http://terminology.hl7.org/CodeSystem/med-admin-perform-function"
        for p in dose["performer"]
    )
    assert dose["request"]["reference"].startswith("MedicationRequest/")


def test_a_refused_dose_is_not_done_with_the_refusal_as_its_reason(exported):
    ids, resources = exported
    dose = with_uid(resources, "MedicationAdministration", ids["refused"])
    assert dose["status"] == "not-done"
    assert dose["statusReason"][0]["coding"][0]["code"] == "dose-outcome.refused"
    assert "refused" in dose["statusReason"][0]["text"]


def test_a_hold_is_a_procedure_over_its_period(exported):
    ids, resources = exported
    hold = one(resources, "Procedure", ids["episode"])
    assert hold["status"] == "completed"
    assert hold["code"]["coding"][0]["code"] == "episode.physical_hold"
    assert hold["performedPeriod"] == {
        "start": ids["episode_started"].astimezone(ZONE).isoformat(),
        "end": ids["episode_ended"].astimezone(ZONE).isoformat(),
    }
    assert hold["performedPeriod"]["start"] == "2026-06-10T11:55:00" + EDT
    assert hold["performedPeriod"]["end"] == "2026-06-10T12:12:00" + EDT
    assert hold["subject"] == {"reference": "Patient/1"}


def test_an_incident_is_an_adverse_event_for_each_resident_involved(exported):
    ids, resources = exported
    events = [e for e in by_type(resources, "AdverseEvent") if e["identifier"]["value"] == str(ids["incident"])]
    assert sorted(e["subject"]["reference"] for e in events) == ["Patient/1", "Patient/2"]
    for event in events:
        validate(event)
        assert event["actuality"] == "actual"
        assert event["event"]["coding"][0]["code"] == "incident.physical_aggression_peer"
        assert event["date"] == "2026-06-10T11:50:00" + EDT
        assert event["severity"]["coding"][0]["code"] == "moderate"
        assert event["contributor"] == [{"reference": f"Practitioner/{WORKER1}"}]


def test_a_goal_and_a_consent_with_its_contact(exported):
    ids, resources = exported
    goal = one(resources, "Goal", ids["goal"])
    assert goal["description"]["text"] == "Sleep through the night"
    assert goal["target"] == [{"dueDate": "2026-07-01"}]
    consent = one(resources, "Consent", ids["consent"])
    assert consent["status"] == "active"
    assert consent["patient"] == {"reference": "Patient/4"}
    assert consent["provision"]["action"][0]["coding"][0]["code"] == "consent-scope.general_updates"
    contact = one(resources, "RelatedPerson", f"consent-{ids['consent']}")
    assert consent["provision"]["actor"][0]["reference"] == {"reference": f"RelatedPerson/{contact['id']}"}
    assert contact["name"] == [{"text": "Maria Reyes"}]


def test_precautions_are_safety_flags(exported):
    _ids, resources = exported
    flags = {(f["subject"]["reference"], f["code"]["coding"][0]["code"]) for f in by_type(resources, "Flag")}
    assert ("Patient/1", "precaution.suicide") in flags
    assert ("Patient/6", "precaution.self_harm") in flags
    assert one(resources, "Flag", "6-self-harm")["category"][0]["coding"][0]["code"] == "safety"


def test_staff_are_practitioners_with_their_name_only(exported):
    _ids, resources = exported
    worker = one(resources, "Practitioner", WORKER1)
    assert worker == {
        "resourceType": "Practitioner",
        "id": str(WORKER1),
        "active": True,
        "name": [{"text": "Wren Walker"}],
    }


def test_a_transferred_residents_stay_names_each_unit_in_turn(fhir, login):
    from tests.conftest import iso, new_uid

    admin = login("admin")
    moved_at = fhir.desk.clock.now
    answer = admin.post(
        "/api/v1/residents/13/transfer",
        json={"uid": new_uid(), "occurred_at": iso(moved_at), "unit_id": 1, "room": "N20"},
    )
    assert answer.status_code in (200, 201), answer.get_json()
    resources = fhir.resources(fhir.export(_type="Encounter,Location"))
    stay = one(resources, "Encounter", 13)
    left, now_on = stay["location"]
    assert left["location"] == {"reference": "Location/2"} and left["status"] == "completed"
    assert left["period"]["end"] == moved_at.astimezone(ZONE).isoformat() == now_on["period"]["start"]
    assert now_on["location"] == {"reference": "Location/1"} and now_on["status"] == "active"
    assert {r["id"] for r in by_type(resources, "Location")} == {"1", "2"}  # the unit left resolves too
