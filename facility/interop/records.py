"""Mapping what staff record to FHIR R4B: checks, levels, ADL, episodes, incidents, goals, consents.

Pure: rows and effective event data in, dicts out. Medication has its own module (facility.interop.medication).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from facility.interop.codes import (
    BREATHING,
    FLUIDS,
    HL7,
    LEVEL_SET,
    PERCENT_EATEN,
    ROUNDS_CHECK,
    SLEEP_HOURS,
    concept,
    group_concept,
    own_concept,
    words,
)
from facility.interop.people import fhir_id, record_identifier, ref, when

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = f"{HL7}/observation-category"


@dataclass(frozen=True)
class Recorded:
    """An event of the log as the export reads it: the original's identity, the data in force, whether corrected."""

    id: int
    uid: str
    resident_id: int
    actor_id: int
    occurred_at: datetime
    data: dict[str, Any]
    amended: bool = False


def _category(code: str, display: str) -> list[dict[str, Any]]:
    return [{"coding": [{"system": OBSERVATION_CATEGORY, "code": code, "display": display}], "text": display}]


def _observation(prefix: str, record: Recorded, zone: ZoneInfo, category: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": fhir_id(prefix, record.id),
        "identifier": record_identifier(record.uid),
        "status": "amended" if record.amended else "final",
        "category": category,
        "subject": ref("Patient", record.resident_id),
        "encounter": ref("Encounter", record.resident_id),
        "effectiveDateTime": when(record.occurred_at, zone),
        "performer": [ref("Practitioner", record.actor_id)],
    }


def check_observation(record: Recorded, zone: ZoneInfo) -> dict[str, Any]:
    """A rounds check: the state seen as its value, where the resident was and whether breathing was seen."""
    data = record.data
    found = _observation("check", record, zone, _category("survey", "Survey"))
    found["code"] = own_concept(ROUNDS_CHECK)
    found["valueCodeableConcept"] = concept("check-state", data["state"])
    components = [
        {"code": group_concept("check-location"), "valueCodeableConcept": concept("check-location", data["location"])}
    ]
    if data.get("breathing_observed") is not None:
        components.append({"code": own_concept(BREATHING), "valueBoolean": bool(data["breathing_observed"])})
    found["component"] = components
    return found


def level_observation(record: Recorded, zone: ZoneInfo) -> dict[str, Any]:
    """An observation level set by a nurse, from the time it was set."""
    found = _observation("level", record, zone, _category("survey", "Survey"))
    found["code"] = own_concept(LEVEL_SET)
    found["valueCodeableConcept"] = concept("observation-level", record.data["to"])
    return found


def adl_observation(record: Recorded, zone: ZoneInfo) -> dict[str, Any]:
    """ADL support: the activity as the code, the level of support as the value, and its measures."""
    data = record.data
    found = _observation("adl", record, zone, _category("activity", "Activity"))
    found["code"] = concept("adl-activity", data["activity"])
    found["valueCodeableConcept"] = concept("adl-support", data["support"])
    measures = (
        (PERCENT_EATEN, data.get("percent_eaten"), "%", "%"),
        (FLUIDS, data.get("fluids_ml"), "mL", "mL"),
        (SLEEP_HOURS, data.get("sleep_hours"), "h", "hours"),
    )
    components = [
        {"code": own_concept(name), "valueQuantity": {"value": value, "unit": unit, "system": UCUM, "code": ucum}}
        for name, value, ucum, unit in measures
        if value is not None
    ]
    if components:
        found["component"] = components
    return found


def procedure(episode: Any, zone: ZoneInfo) -> dict[str, Any]:
    """A restraint or seclusion episode as a Procedure over its period (still running: no end)."""
    period = {"start": when(episode.started_at, zone)}
    if episode.ended_at is not None:
        period["end"] = when(episode.ended_at, zone)
    found: dict[str, Any] = {
        "resourceType": "Procedure",
        "id": str(episode.id),
        "identifier": record_identifier(episode.uid),
        "status": "completed" if episode.ended_at is not None else "in-progress",
        "category": {"text": "restraint or seclusion"},
        "code": concept("episode", episode.kind),
        "subject": ref("Patient", episode.resident_id),
        "encounter": ref("Encounter", episode.resident_id),
        "performedPeriod": period,
        "performer": [{"actor": ref("Practitioner", episode.started_by_id)}],
        "location": ref("Location", episode.unit_id),
    }
    return found


SEVERITY = {"low": "mild", "moderate": "moderate", "high": "severe", "critical": "severe"}


def adverse_events(incident: Any, zone: ZoneInfo) -> list[dict[str, Any]]:
    """A submitted incident as one AdverseEvent per resident involved (FHIR's subject is one person)."""
    staff = sorted({int(i) for i in (incident.report or {}).get("staff_ids") or []})
    found = []
    for resident_id in sorted(set(incident.resident_ids or [])):
        event: dict[str, Any] = {
            "resourceType": "AdverseEvent",
            "id": fhir_id(incident.id, resident_id),
            "identifier": {"system": "https://facility.example/fhir/NamingSystem/incident", "value": str(incident.id)},
            "actuality": "actual",
            "subject": ref("Patient", resident_id),
            "encounter": ref("Encounter", resident_id),
            "recordedDate": when(incident.created_at, zone),
            "location": ref("Location", incident.unit_id),
            "recorder": ref("Practitioner", incident.author_id),
        }
        if incident.category:
            event["event"] = concept("incident", incident.category)
        if incident.occurred_at is not None:
            event["date"] = when(incident.occurred_at, zone)
        if incident.severity in SEVERITY:
            level = SEVERITY[incident.severity]
            event["severity"] = {
                "coding": [{"system": f"{HL7}/adverse-event-severity", "code": level, "display": level.title()}],
                "text": incident.severity,
            }
        if staff:
            event["contributor"] = [ref("Practitioner", user_id) for user_id in staff]
        found.append(event)
    return found


def goal(row: Any, zone: ZoneInfo) -> dict[str, Any]:
    """A treatment-plan goal, in the resident's words, with its target date."""
    found: dict[str, Any] = {
        "resourceType": "Goal",
        "id": str(row.id),
        "identifier": record_identifier(row.uid),
        "lifecycleStatus": "active",
        "description": {"text": row.text},
        "subject": ref("Patient", row.resident_id),
        "startDate": row.set_at.astimezone(zone).date().isoformat(),
        "expressedBy": ref("Practitioner", row.set_by_id),
    }
    if row.target_date is not None:
        found["target"] = [{"dueDate": row.target_date.isoformat()}]
    return found


def related_person(row: Any) -> dict[str, Any]:
    """The contact a consent names, as a RelatedPerson of the resident."""
    return {
        "resourceType": "RelatedPerson",
        "id": fhir_id("consent", row.id),
        "patient": ref("Patient", row.resident_id),
        "relationship": [{"text": words(row.relationship)}],
        "name": [{"text": row.contact_name}],
    }


def consent(row: Any, zone: ZoneInfo, today: Any) -> dict[str, Any]:
    """A consent to share with one contact: permitted to them, in its scope, until it expires."""
    expired = row.expires_on is not None and row.expires_on < today
    provision: dict[str, Any] = {
        "type": "permit",
        "actor": [{"role": {"text": "recipient"}, "reference": ref("RelatedPerson", fhir_id("consent", row.id))}],
        "action": [concept("consent-scope", row.scope)],
    }
    if row.expires_on is not None:
        provision["period"] = {"end": row.expires_on.isoformat()}
    return {
        "resourceType": "Consent",
        "id": str(row.id),
        "identifier": record_identifier(row.uid),
        "status": "inactive" if expired else "active",
        "scope": {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy"}],
            "text": "privacy",
        },
        "category": [{"coding": [{"system": LOINC, "code": "59284-0", "display": "Patient Consent"}]}],
        "patient": ref("Patient", row.resident_id),
        "dateTime": when(row.recorded_at, zone),
        "policyRule": {"coding": [{"system": f"{HL7}/v3-ActCode", "code": "OPTIN"}], "text": "opt in"},
        "provision": provision,
    }
