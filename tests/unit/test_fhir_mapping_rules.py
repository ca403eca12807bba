"""The FHIR mapping as pure functions: rows in, R4B resources out, each validated by the R4B models."""

from __future__ import annotations

import importlib
from datetime import UTC, date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from facility.interop import medication, people, records
from facility.interop.codes import SYSTEM, code_system, concept

ZONE = ZoneInfo("America/New_York")
WINTER_NOON = datetime(2026, 1, 15, 17, 0, tzinfo=UTC)  # 12:00 EST
SUMMER_NOON = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)  # 12:00 EDT


def validate(resource: dict):
    name = resource["resourceType"]
    module = importlib.import_module(f"fhir.resources.R4B.{name.lower()}")
    return getattr(module, name).model_validate(resource)


def order(**over) -> SimpleNamespace:
    fields = {
        "id": 3,
        "uid": "6f1c1d8e-6c1b-4c47-9b59-5b0d3f2b7a10",
        "resident_id": 4,
        "medication": "hydroxyzine",
        "strength": "25 mg",
        "dose": "1 tablet",
        "route": "oral",
        "times": [],
        "prn": True,
        "prn_indication": "anxiety",
        "prn_max_per_24h": 2,
        "start_date": date(2026, 1, 1),
        "end_date": None,
        "instructions": None,
        "ordered_by_id": 4,
        "ordered_at": WINTER_NOON,
        "stopped_at": None,
    }
    return SimpleNamespace(**{**fields, **over})


def dose(**over) -> SimpleNamespace:
    fields = {
        "id": 9,
        "uid": "0d7c8e2a-6a43-4f0e-8d4c-2f2f1a9c3b11",
        "resident_id": 4,
        "witness_id": 2,
        "occurred_at": WINTER_NOON,
        "outcome": "taken",
        "held_reason": None,
        "prn_indication": None,
    }
    return SimpleNamespace(**{**fields, **over})


def test_times_carry_the_offset_of_their_season():
    assert people.when(WINTER_NOON, ZONE) == "2026-01-15T12:00:00-05:00"
    assert people.when(SUMMER_NOON, ZONE) == "2026-06-10T12:00:00-04:00"


def test_a_held_dose_is_not_done_with_the_reason_given():
    held = medication.medication_administration(dose(outcome="held", held_reason="asleep, nurse told"), order(), ZONE)
    validate(held)
    assert held["status"] == "not-done"
    assert held["statusReason"][0]["coding"][0]["code"] == "dose-outcome.held"
    assert held["statusReason"][0]["text"] == "held: asleep, nurse told"
    assert held["effectiveDateTime"] == "2026-01-15T12:00:00-05:00"


def test_a_partly_taken_dose_is_completed_and_says_so():
    partial = medication.medication_administration(dose(outcome="partial"), order(), ZONE)
    validate(partial)
    assert partial["status"] == "completed"
    assert partial["note"] == [{"text": "outcome: partial"}]


def test_a_prn_order_says_its_indication_and_daily_maximum():
    request = medication.medication_request(order(), ZONE, WINTER_NOON)
    validate(request)
    (dosage,) = request["dosageInstruction"]
    assert dosage["asNeededCodeableConcept"] == {"text": "anxiety"}
    assert dosage["maxDosePerPeriod"]["numerator"]["value"] == 2
    assert dosage["maxDosePerPeriod"]["denominator"]["code"] == "d"


def test_a_stopped_order_is_stopped_and_one_past_its_end_completed():
    stopped = medication.medication_request(order(stopped_at=WINTER_NOON), ZONE, SUMMER_NOON)
    ended = medication.medication_request(order(end_date=date(2026, 2, 1)), ZONE, SUMMER_NOON)
    assert (stopped["status"], ended["status"]) == ("stopped", "completed")


def test_a_discharged_residents_stay_is_finished_with_its_end():
    resident = SimpleNamespace(
        id=1,
        unit_id=2,
        admitted_at=WINTER_NOON,
        discharged_at=SUMMER_NOON,
        precautions=["self_harm"],
    )
    stay = people.encounter(resident, ZONE)
    validate(stay)
    assert stay["status"] == "finished"
    assert stay["period"] == {"start": "2026-01-15T12:00:00-05:00", "end": "2026-06-10T12:00:00-04:00"}
    (flag,) = people.flags(resident, ZONE)
    validate(flag)
    assert flag["id"] == "1-self-harm" and flag["status"] == "inactive"


def test_a_running_seclusion_is_an_in_progress_procedure_with_no_end():
    episode = SimpleNamespace(
        id=5,
        uid="a3c1b2d4-1111-4c47-9b59-5b0d3f2b7a10",
        resident_id=1,
        unit_id=1,
        kind="seclusion",
        started_at=WINTER_NOON,
        ended_at=None,
        started_by_id=4,
    )
    found = records.procedure(episode, ZONE)
    validate(found)
    assert found["status"] == "in-progress"
    assert found["performedPeriod"] == {"start": "2026-01-15T12:00:00-05:00"}


def test_a_value_the_code_system_does_not_list_is_exported_as_text_alone():
    assert concept("check-state", "dancing") == {"text": "dancing"}
    assert concept("check-state", "awake_calm")["coding"][0] == {
        "system": SYSTEM,
        "code": "check-state.awake_calm",
        "display": "awake calm",
    }


def test_the_code_system_is_r4b_with_every_code_once():
    system = code_system()
    validate(system)
    codes = [c["code"] for c in system["concept"]] + [
        child["code"] for c in system["concept"] for child in c.get("concept", [])
    ]
    assert len(codes) == len(set(codes))
