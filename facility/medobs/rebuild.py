"""The medication projections folded again from the log alone, as `projection.py` keeps them (`facility verify`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.domain import ProjectedTable, Projection
from facility.medobs.codes import FOLLOWUP, GIVEN, OBSERVED, ORDERED, STOPPED
from facility.medobs.models import DoseObservation, MedicationOrder
from facility.medobs.projection import dose_key
from facility.medobs.schedule import followup_due
from facility.records.verify import Log, instant

ORDER_FIELDS = ("medication", "strength", "dose", "route", "prn_indication", "prn_max_per_24h", "instructions")
ORDERS = ProjectedTable(
    MedicationOrder,
    ("uid",),
    (
        "resident_id",
        "ordered_by_id",
        "ordered_at",
        "voided",
        *ORDER_FIELDS,
        "times",
        "prn",
        "start_date",
        "end_date",
        "stopped_at",
        "stopped_uid",
        "stop_reason",
    ),
)
DOSES = ProjectedTable(
    DoseObservation,
    ("uid",),
    (
        "order_id",
        "resident_id",
        "witness_id",
        "occurred_at",
        "dose_key",
        "scheduled_for",
        "outcome",
        "side_effects",
        "held_reason",
        "prn_indication",
        "followup_due_at",
        "followup_uid",
        "followup_at",
        "followup_effect",
    ),
)


def rebuild(session: Session, log: Log) -> dict[str, dict[tuple, dict[str, Any]]]:
    """Orders as their data in force says with their stops; every observation in force with its follow-up."""
    order_uid = dict(session.execute(select(MedicationOrder.id, MedicationOrder.uid)).all())
    orders: dict[tuple, dict[str, Any]] = {}
    for record in log.of(ORDERED):
        data = record.data or record.original
        orders[(record.uid,)] = {
            "resident_id": record.resident_id,
            "ordered_by_id": record.actor_id,
            "ordered_at": record.occurred_at,
            "voided": record.voided,
            **{name: data.get(name) for name in ORDER_FIELDS},
            "times": sorted(data.get("times") or []),
            "prn": bool(data.get("prn")),
            "start_date": data["start_date"],
            "end_date": data.get("end_date"),
            "stopped_at": None,
            "stopped_uid": None,
            "stop_reason": None,
        }
    for record in log.of(STOPPED):
        order = orders.get((order_uid.get((record.data or record.original)["order_id"]),))
        if order is None:
            continue
        if record.data is not None:
            order.update(stopped_at=record.occurred_at, stopped_uid=record.uid, stop_reason=record.data["reason"])
        elif order["stopped_uid"] == record.uid:
            order.update(stopped_at=None, stopped_uid=None, stop_reason=None)
    doses: dict[tuple, dict[str, Any]] = {}
    for record in log.of(OBSERVED):
        data = record.data
        if data is None:
            continue
        order = orders.get((order_uid.get(data["order_id"]),)) or {}
        scheduled = instant(data.get("scheduled_for"))
        doses[(record.uid,)] = {
            "order_id": data["order_id"],
            "resident_id": record.resident_id,
            "witness_id": record.actor_id,
            "occurred_at": record.occurred_at,
            "dose_key": dose_key(scheduled) if scheduled else record.uid,
            "scheduled_for": scheduled,
            "outcome": data["outcome"],
            "side_effects": list(data.get("side_effects") or []),
            "held_reason": data.get("held_reason"),
            "prn_indication": data.get("prn_indication"),
            "followup_due_at": followup_due(record.occurred_at)
            if order.get("prn") and data["outcome"] in GIVEN
            else None,
            "followup_uid": None,
            "followup_at": None,
            "followup_effect": None,
        }
    for record in log.of(FOLLOWUP):
        dose = doses.get((str((record.data or record.original)["observation_uid"]),))
        if dose is None:
            continue
        if record.data is not None:
            dose.update(followup_uid=record.uid, followup_at=record.occurred_at, followup_effect=record.data["effect"])
        elif dose["followup_uid"] == record.uid:
            dose.update(followup_uid=None, followup_at=None, followup_effect=None)
    return {ORDERS.name: orders, DOSES.name: doses}


PROJECTION = Projection((ORDERS, DOSES), rebuild)
