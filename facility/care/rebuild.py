"""The daily-care projections folded again from the log alone, as `projection.py` keeps them (`facility verify`).

Goals set from the floor are rows of the plan's goal table, declared by clinical (`facility.goals.rebuild`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from facility.care.codes import ADL, CONSENT, DID_NOT_OCCUR, MEAL, RETURNED, SIGNED_OUT
from facility.care.models import Consent, Meal, Outing
from facility.care.projection import contact_key
from facility.domain import ProjectedTable, Projection
from facility.records.verify import Log, instant

CONSENTS = ProjectedTable(
    Consent,
    ("uid",),
    (
        "resident_id",
        "recorded_by_id",
        "recorded_at",
        "voided",
        "contact_name",
        "contact_key",
        "relationship",
        "scope",
        "expires_on",
    ),
)
OUTINGS = ProjectedTable(
    Outing,
    ("uid",),
    (
        "resident_id",
        "unit_id",
        "started_at",
        "signed_out_by_id",
        "voided",
        "destination",
        "vehicle",
        "escort_id",
        "expected_return_at",
        "returned_at",
        "return_uid",
    ),
)
MEALS = ProjectedTable(Meal, ("uid",), ("resident_id", "occurred_at", "meal", "percent_eaten"))


def rebuild(_session: Session, log: Log) -> dict[str, dict[tuple, dict[str, Any]]]:
    """Consents and outings as their data in force says (voided ones marked), and the meals that count."""
    consents, outings, meals = {}, {}, {}
    for record in log.of(CONSENT):
        data = record.data or record.original
        consents[(record.uid,)] = {
            "resident_id": record.resident_id,
            "recorded_by_id": record.actor_id,
            "recorded_at": record.occurred_at,
            "voided": record.voided,
            "contact_name": data["contact_name"],
            "contact_key": contact_key(data["contact_name"]),
            "relationship": data["relationship"],
            "scope": data["scope"],
            "expires_on": data.get("expires_on"),
        }
    for record in log.of(SIGNED_OUT):
        data = record.data or record.original
        outings[(record.uid,)] = {
            "resident_id": record.resident_id,
            "unit_id": record.unit_id,
            "started_at": record.occurred_at,
            "signed_out_by_id": record.actor_id,
            "voided": record.voided,
            "destination": data["destination"],
            "vehicle": data.get("vehicle"),
            "escort_id": data.get("escort_id"),
            "expected_return_at": instant(data["expected_return_at"]),
            "returned_at": None,
            "return_uid": None,
        }
    for record in log.of(RETURNED):
        outing = outings.get((str((record.data or record.original)["outing_uid"]),))
        if outing is None:
            continue
        if record.data is not None:
            outing.update(returned_at=record.occurred_at, return_uid=record.uid)
        elif outing["return_uid"] == record.uid:
            outing.update(returned_at=None, return_uid=None)
    for record in log.of(ADL):
        data = record.data
        if data is not None and data.get("activity") == MEAL and data.get("support") != DID_NOT_OCCUR:
            meals[(record.uid,)] = {
                "resident_id": record.resident_id,
                "occurred_at": record.occurred_at,
                "meal": data["meal"],
                "percent_eaten": data["percent_eaten"],
            }
    return {CONSENTS.name: consents, OUTINGS.name: outings, MEALS.name: meals}


PROJECTION = Projection((CONSENTS, OUTINGS, MEALS), rebuild)
