"""Mapping medication records to FHIR R4B: orders as MedicationRequest, observed doses as MedicationAdministration.

The resident takes the dose (performer, function `performer`); the worker watches (function `witness`). A dose not
taken (refused, held, not available) is `not-done` with the reason.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from facility.interop.codes import MED_ADMIN_FUNCTION, concept, words
from facility.interop.people import record_identifier, ref, when
from facility.medobs.codes import HELD, NOT_AVAILABLE, REFUSED

NOT_DONE = frozenset({REFUSED, HELD, NOT_AVAILABLE})
REASONS = {
    REFUSED: "refused by the resident",
    HELD: "held",
    NOT_AVAILABLE: "medication not available",
}


def _medication(order: Any) -> dict[str, Any]:
    return {"text": f"{order.medication} {order.strength}".strip()}


def order_status(order: Any, moment: datetime, today: date) -> str:
    """active, stopped (by a nurse) or completed (past its end date), as of moment."""
    if order.stopped_at is not None and order.stopped_at <= moment:
        return "stopped"
    if order.end_date is not None and order.end_date < today:
        return "completed"
    return "active"


def medication_request(order: Any, zone: ZoneInfo, moment: datetime) -> dict[str, Any]:
    """An order: the medication, dose, route and times (or as needed, with its indication and daily maximum)."""
    dosage: dict[str, Any] = {"text": f"{order.dose} {words(order.route)}", "route": {"text": words(order.route)}}
    if order.prn:
        dosage["asNeededCodeableConcept"] = {"text": order.prn_indication or "as needed"}
        if order.prn_max_per_24h:
            dosage["maxDosePerPeriod"] = {
                "numerator": {"value": order.prn_max_per_24h, "unit": "dose"},
                "denominator": {"value": 1, "unit": "d", "system": "http://unitsofmeasure.org", "code": "d"},
            }
    elif order.times:
        dosage["timing"] = {"repeat": {"timeOfDay": [f"{time}:00" for time in order.times]}}
    validity = {"start": order.start_date.isoformat()}
    if order.end_date is not None:
        validity["end"] = order.end_date.isoformat()
    found: dict[str, Any] = {
        "resourceType": "MedicationRequest",
        "id": str(order.id),
        "identifier": record_identifier(order.uid),
        "status": order_status(order, moment, moment.astimezone(zone).date()),
        "intent": "order",
        "medicationCodeableConcept": _medication(order),
        "subject": ref("Patient", order.resident_id),
        "encounter": ref("Encounter", order.resident_id),
        "authoredOn": when(order.ordered_at, zone),
        "requester": ref("Practitioner", order.ordered_by_id),
        "dosageInstruction": [dosage],
        "dispenseRequest": {"validityPeriod": validity},
    }
    if order.instructions:
        found["note"] = [{"text": order.instructions}]
    return found


def medication_administration(dose: Any, order: Any, zone: ZoneInfo) -> dict[str, Any]:
    """An observed dose: the resident its performer, the worker its witness; a refusal is not-done with why."""
    performers = [
        {
            "function": {
                "coding": [{"system": MED_ADMIN_FUNCTION, "code": "performer", "display": "Performer"}],
                "text": "took the dose",
            },
            "actor": ref("Patient", dose.resident_id),
        },
        {
            "function": {
                "coding": [{"system": MED_ADMIN_FUNCTION, "code": "witness", "display": "Witness"}],
                "text": "observed the dose",
            },
            "actor": ref("Practitioner", dose.witness_id),
        },
    ]
    found: dict[str, Any] = {
        "resourceType": "MedicationAdministration",
        "id": str(dose.id),
        "identifier": record_identifier(dose.uid),
        "status": "not-done" if dose.outcome in NOT_DONE else "completed",
        "medicationCodeableConcept": _medication(order),
        "subject": ref("Patient", dose.resident_id),
        "context": ref("Encounter", dose.resident_id),
        "effectiveDateTime": when(dose.occurred_at, zone),
        "performer": performers,
        "request": ref("MedicationRequest", order.id),
        "dosage": {"text": order.dose, "route": {"text": words(order.route)}},
    }
    if dose.outcome in NOT_DONE:
        reason = concept("dose-outcome", dose.outcome)
        reason["text"] = REASONS[dose.outcome] + (f": {dose.held_reason}" if dose.held_reason else "")
        found["statusReason"] = [reason]
    else:
        found["note"] = [{"text": f"outcome: {words(dose.outcome)}"}]
    if dose.prn_indication:
        found["reasonCode"] = [{"text": dose.prn_indication}]
    return found
