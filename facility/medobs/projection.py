"""Keeping the medication projections in step with the records in force (originals, amendments, voids)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from facility.errors import Conflict
from facility.medobs.codes import GIVEN
from facility.medobs.models import DoseObservation, MedicationOrder
from facility.medobs.schedule import followup_due
from facility.records.log import corrections_of, effective_data
from facility.records.models import Event


def dose_key(scheduled_for: datetime) -> str:
    """The key of a scheduled dose: its instant in UTC to the minute."""
    return f"{scheduled_for:%Y-%m-%dT%H:%MZ}"


def in_force(session: Session, uid: str) -> tuple[Event, dict[str, Any] | None]:
    """The original event of uid and its data in force (None once voided)."""
    event = session.scalar(select(Event).where(Event.uid == str(uid)))
    return event, effective_data(event, corrections_of(session, [event.uid]).get(event.uid, []))


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def project_order(session: Session, uid: str) -> MedicationOrder:
    """The order row of a medication.ordered event, as its data in force says."""
    event, data = in_force(session, uid)
    order = session.scalar(select(MedicationOrder).where(MedicationOrder.uid == event.uid))
    if order is None:
        order = MedicationOrder(
            uid=event.uid, resident_id=event.resident_id, ordered_by_id=event.actor_id, ordered_at=event.occurred_at
        )
        session.add(order)
    order.voided = data is None
    data = data or event.data
    for name in ("medication", "strength", "dose", "route", "prn_indication", "prn_max_per_24h", "instructions"):
        setattr(order, name, data.get(name))
    order.times = sorted(data.get("times") or [])
    order.prn = bool(data.get("prn"))
    order.start_date, order.end_date = _day(data["start_date"]), _day(data.get("end_date"))
    session.flush()
    return order


def project_stop(session: Session, uid: str) -> MedicationOrder | None:
    """Set (or, once the stop is voided, clear) the stop of the order a medication.stopped event names."""
    event, data = in_force(session, uid)
    order = session.get(MedicationOrder, (data or event.data)["order_id"])
    if order is None:
        return None
    if data is not None:
        order.stopped_at, order.stopped_uid, order.stop_reason = event.occurred_at, event.uid, data["reason"]
    elif order.stopped_uid == event.uid:
        order.stopped_at = order.stopped_uid = order.stop_reason = None
    return order


def _parse_instant(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def project_observation(session: Session, uid: str) -> DoseObservation | None:
    """The dose row of a medobs.observed event; a voided observation leaves none (the dose is open again)."""
    event, data = in_force(session, uid)
    row = session.scalar(select(DoseObservation).where(DoseObservation.uid == event.uid))
    if data is None:
        if row is not None:
            session.delete(row)
            session.flush()
        return None
    order = session.get(MedicationOrder, data["order_id"])
    scheduled = _parse_instant(data.get("scheduled_for"))
    key = dose_key(scheduled) if scheduled is not None else event.uid
    clash = session.scalar(
        select(DoseObservation).where(
            DoseObservation.order_id == order.id, DoseObservation.dose_key == key, DoseObservation.uid != event.uid
        )
    )
    if clash is not None:
        raise Conflict("this dose already has an observation; amend that record instead")
    if row is None:
        row = DoseObservation(
            uid=event.uid, resident_id=event.resident_id, witness_id=event.actor_id, occurred_at=event.occurred_at
        )
    row.order_id, row.dose_key, row.scheduled_for = order.id, key, scheduled
    row.outcome = data["outcome"]
    row.side_effects = list(data.get("side_effects") or [])
    row.held_reason, row.prn_indication = data.get("held_reason"), data.get("prn_indication")
    row.followup_due_at = followup_due(event.occurred_at) if order.prn and row.outcome in GIVEN else None
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:  # another request stored an observation of the same dose first
        raise Conflict("this dose already has an observation; amend that record instead") from None
    return row


def project_followup(session: Session, uid: str) -> DoseObservation | None:
    """Mark (or, once voided, unmark) the PRN dose a medobs.prn_followup event documents."""
    event, data = in_force(session, uid)
    row = session.scalar(
        select(DoseObservation).where(DoseObservation.uid == str((data or event.data)["observation_uid"]))
    )
    if row is None:
        return None
    if data is not None:
        row.followup_uid, row.followup_at, row.followup_effect = event.uid, event.occurred_at, data["effect"]
    elif row.followup_uid == event.uid:
        row.followup_uid = row.followup_at = row.followup_effect = None
    return row
