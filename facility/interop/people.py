"""Mapping the census to FHIR R4B: residents, their stays, precautions, staff, units. Pure: rows in, dicts out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from facility.interop.codes import HL7, RECORD_NUMBER_SYSTEM, concept


def fhir_id(*parts: object) -> str:
    """A resource id from its parts: FHIR ids allow letters, digits, '-' and '.', so '_' becomes '-'."""
    return "-".join(str(part) for part in parts).replace("_", "-")


def ref(resource_type: str, resource_id: object) -> dict[str, str]:
    """A reference to a resource of the export."""
    return {"reference": f"{resource_type}/{resource_id}"}


def record_identifier(uid: str) -> list[dict[str, str]]:
    """The uid the record was made with, as its identifier: what a system receiving it twice de-duplicates on."""
    return [{"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{uid}"}]


def when(moment: datetime, zone: ZoneInfo) -> str:
    """An instant as FHIR dateTime in the facility's local time, with its offset."""
    return moment.astimezone(zone).isoformat()


def patient(resident: Any) -> dict[str, Any]:
    """A resident as a Patient: names, birth date, record number; active while in care."""
    names: list[dict[str, Any]] = [{"use": "official", "family": resident.last_name, "given": [resident.first_name]}]
    if resident.preferred_name:
        names.append({"use": "usual", "given": [resident.preferred_name]})
    found: dict[str, Any] = {
        "resourceType": "Patient",
        "id": str(resident.id),
        "active": resident.discharged_at is None,
        "name": names,
        "birthDate": resident.date_of_birth.isoformat(),
    }
    if resident.record_number:
        found["identifier"] = [{"use": "official", "system": RECORD_NUMBER_SYSTEM, "value": resident.record_number}]
    return found


def encounter(resident: Any, zone: ZoneInfo, transfers: Iterable[tuple[datetime, int]] = ()) -> dict[str, Any]:
    """A resident's stay as an inpatient Encounter: admitted → discharged, on each unit in turn.

    `transfers` are (when, the unit left) oldest first: each closes a stretch on the unit left; the last stretch
    is on the resident's unit now.
    """
    period = {"start": when(resident.admitted_at, zone)}
    if resident.discharged_at is not None:
        period["end"] = when(resident.discharged_at, zone)
    stretches, since = [], resident.admitted_at
    for moved_at, unit_left in transfers:
        stretches.append(
            {
                "location": ref("Location", unit_left),
                "status": "completed",
                "period": {"start": when(since, zone), "end": when(moved_at, zone)},
            }
        )
        since = moved_at
    stretches.append(
        {
            "location": ref("Location", resident.unit_id),
            "status": "active" if resident.discharged_at is None else "completed",
            "period": {**period, "start": when(since, zone)},
        }
    )
    return {
        "resourceType": "Encounter",
        "id": str(resident.id),
        "status": "in-progress" if resident.discharged_at is None else "finished",
        "class": {"system": f"{HL7}/v3-ActCode", "code": "IMP", "display": "inpatient encounter"},
        "subject": ref("Patient", resident.id),
        "period": period,
        "location": stretches,
    }


def flags(resident: Any, zone: ZoneInfo) -> list[dict[str, Any]]:
    """Each precaution of a resident as a safety Flag of their stay."""
    return [
        {
            "resourceType": "Flag",
            "id": fhir_id(resident.id, precaution),
            "status": "active" if resident.discharged_at is None else "inactive",
            "category": [
                {
                    "coding": [{"system": f"{HL7}/flag-category", "code": "safety", "display": "Safety"}],
                    "text": "safety",
                }
            ],
            "code": concept("precaution", precaution),
            "subject": ref("Patient", resident.id),
            "encounter": ref("Encounter", resident.id),
            "period": {"start": when(resident.admitted_at, zone)},
        }
        for precaution in resident.precautions or []
    ]


def practitioner(user: Any) -> dict[str, Any]:
    """A staff member as a Practitioner: the name they go by at work, nothing of their account."""
    return {
        "resourceType": "Practitioner",
        "id": str(user.id),
        "active": bool(user.active),
        "name": [{"text": user.name}],
    }


def location(unit: Any) -> dict[str, Any]:
    """A unit as a ward Location."""
    return {
        "resourceType": "Location",
        "id": str(unit.id),
        "status": "active",
        "name": unit.name,
        "mode": "instance",
        "physicalType": {
            "coding": [{"system": f"{HL7}/location-physical-type", "code": "wa", "display": "Ward"}],
            "text": "ward",
        },
    }


def group(unit: Any, resident_ids: Iterable[int]) -> dict[str, Any]:
    """A unit's residents as an actual Group (the `Group/{unit id}/$export` of the unit)."""
    members = [{"entity": ref("Patient", resident_id)} for resident_id in sorted(resident_ids)]
    found: dict[str, Any] = {
        "resourceType": "Group",
        "id": str(unit.id),
        "type": "person",
        "actual": True,
        "name": unit.name,
        "quantity": len(members),
    }
    if members:
        found["member"] = members
    return found
