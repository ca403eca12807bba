"""Medication use cases: enter and stop orders, observe a dose, document a PRN follow-up."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.census.models import Resident
from facility.census.scope import resident_for
from facility.census.writes import record_about_resident, write
from facility.db import locked
from facility.errors import Conflict, Invalid, NotFound
from facility.medobs.codes import FOLLOWUP, GIVEN, OBSERVED, ORDERED, STOPPED
from facility.medobs.describe import order_words
from facility.medobs.handlers import window
from facility.medobs.models import DoseObservation, MedicationOrder
from facility.medobs.projection import dose_key
from facility.medobs.schedule import dose_for, find_dose, prn_check
from facility.medobs.schemas import OrderOut
from facility.records.audit import record_access
from facility.records.models import Event
from facility.timeutil import facility_zone

ORDER_FIELDS = (
    "medication",
    "strength",
    "dose",
    "route",
    "times",
    "prn",
    "prn_indication",
    "prn_max_per_24h",
    "start_date",
    "end_date",
    "instructions",
)
OBSERVATION_FIELDS = (
    "order_id",
    "scheduled_for",
    "outcome",
    "held_reason",
    "late_reason",
    "prn_indication",
    "side_effects",
    "note",
)


def order_view(order: MedicationOrder, resident: Resident) -> dict[str, Any]:
    """An order with its status and the resident's allergies, as every answer shows it."""
    columns = {c.key: getattr(order, c.key) for c in MedicationOrder.__table__.columns}
    status = "voided" if order.voided else "stopped" if order.stopped_at is not None else "active"
    return {
        **columns,
        "status": status,
        "display_name": resident.display_name,
        "allergies": list(resident.allergies or []),
        "description": order_words(columns),
    }


def _order_of(session: Session, uid: str) -> MedicationOrder:
    return session.scalar(select(MedicationOrder).where(MedicationOrder.uid == str(uid)))


def order_medication(session: Session, actor: User, cmd: dict[str, Any], now: datetime) -> tuple[dict, bool]:
    """A nurse's order: a `medication.ordered` event; its doses appear on the med pass from start_date."""
    event, is_new = record_about_resident(
        session,
        actor,
        cmd,
        ORDERED,
        "medications.order",
        lambda resident: {name: cmd.get(name) for name in ORDER_FIELDS},
        now,
        occurred_at=now,
    )
    order = _order_of(session, event.uid)
    return order_view(order, session.get(Resident, order.resident_id)), is_new


def _scoped_order(session: Session, actor: User, order_id: int) -> tuple[MedicationOrder, Resident]:
    order = locked(session, MedicationOrder, order_id)  # stopped twice at once: the second sees the first
    if order is None or order.voided:
        raise NotFound("no such order")
    return order, resident_for(session, actor, order.resident_id)


def stop_order(session: Session, actor: User, order_id: int, cmd: dict[str, Any], now: datetime) -> tuple[dict, bool]:
    """Stop an order from occurred_at (default now): a `medication.stopped` event."""
    order = resident = None

    def whose() -> Resident:
        nonlocal order, resident
        order, resident = _scoped_order(session, actor, order_id)
        return resident

    def data_for(_resident: Resident) -> dict[str, Any]:
        if order.stopped_at is not None:
            raise Conflict("this order is stopped already")
        return {"order_id": order.id, "reason": cmd["reason"]}

    _event, is_new = write(
        session,
        actor,
        action="medications.order",
        kind=STOPPED,
        uid=cmd["uid"],
        body={"order_id": order_id, **cmd},
        whose=whose,
        data_for=data_for,
        occurred_at=cmd.get("occurred_at") or now,
        now=now,
    )
    return order_view(order, resident), is_new


def list_orders(session: Session, actor: User, resident_id: int, include_stopped: bool) -> list[dict]:
    """A resident's orders in force (and stopped ones when asked), with their allergies."""
    resident = resident_for(session, actor, resident_id)
    stmt = select(MedicationOrder).where(MedicationOrder.resident_id == resident.id, MedicationOrder.voided.is_(False))
    if not include_stopped:
        stmt = stmt.where(MedicationOrder.stopped_at.is_(None))
    record_access(
        session, actor.id, "read:medication_orders", target=f"resident:{resident.id}", resident_id=resident.id
    )
    return [order_view(o, resident) for o in session.scalars(stmt.order_by(MedicationOrder.id))]


def orders_shown(session: Session, resident: Resident) -> list[dict]:
    """The resident's orders in force as the resident detail shows them (with their allergies)."""
    stmt = select(MedicationOrder).where(
        MedicationOrder.resident_id == resident.id,
        MedicationOrder.voided.is_(False),
        MedicationOrder.stopped_at.is_(None),
    )
    return OrderOut(many=True).dump(
        [order_view(o, resident) for o in session.scalars(stmt.order_by(MedicationOrder.id))]
    )


def _local(moment: datetime) -> str:
    return f"{moment.astimezone(facility_zone()):%H:%M}"


def _check_prn(session: Session, order: MedicationOrder, cmd: dict[str, Any]) -> None:
    """A PRN dose is given while the order stands, names its indication and stays within the 24-hour maximum."""
    if not order.in_force_at(cmd["occurred_at"]):
        raise Invalid.field("order_id", f"this order was stopped at {_local(order.stopped_at)}")
    if cmd.get("scheduled_for") is not None:
        raise Invalid.field("scheduled_for", "a PRN order has no scheduled doses; leave it out")
    if not (cmd.get("prn_indication") or "").strip():
        raise Invalid.field("prn_indication", f"say why the PRN is given (ordered for: {order.prn_indication})")
    if cmd["outcome"] not in GIVEN:
        return
    at = cmd["occurred_at"]
    given = session.scalars(
        select(DoseObservation.occurred_at).where(
            DoseObservation.order_id == order.id,
            DoseObservation.outcome.in_(GIVEN),
            DoseObservation.occurred_at > at - timedelta(hours=24),
        )
    ).all()
    check = prn_check(list(given), at, order.prn_max_per_24h)
    if not check.allowed:
        raise Invalid.field(
            "prn_max_per_24h",
            (
                f"Do not give it: {order.medication} may be given at most {check.maximum} times in 24 hours and has "
                f"been given {check.given} times already. The next dose is allowed after "
                f"{check.next_allowed_at.astimezone(facility_zone()):%a %H:%M}. Tell the nurse."
            ),
        )


def _scheduled_dose(session: Session, order: MedicationOrder, cmd: dict[str, Any]) -> datetime:
    """The scheduled dose an observation is of: the one named, or the one whose window holds occurred_at."""
    tz, width = facility_zone(), window()
    if cmd.get("scheduled_for") is None:
        dose = dose_for(cmd["occurred_at"], order.times, order.start_date, order.end_date, tz, width)
        if dose is None:
            raise Invalid.field(
                "scheduled_for",
                f"no dose of {order.medication} is due around {_local(cmd['occurred_at'])}; say which dose this is",
            )
    else:
        dose = find_dose(cmd["scheduled_for"], order.times, order.start_date, order.end_date, tz, width)
        if dose is None:
            raise Invalid.field("scheduled_for", "is not a scheduled dose of this order")
    if cmd["occurred_at"] < dose.window_start:
        raise Invalid.field(
            "scheduled_for",
            f"the {dose.time} dose of {order.medication} is not due yet: its window "
            f"opens at {_local(dose.window_start)}",
        )
    if cmd["occurred_at"] > dose.window_end and not (cmd.get("late_reason") or "").strip():
        raise Invalid.field(
            "late_reason",
            f"the {dose.time} dose of {order.medication} is late: its window closed at "
            f"{_local(dose.window_end)}; say why it is given now",
        )
    if not order.in_force_at(dose.scheduled_for):
        raise Invalid.field("order_id", f"this order was stopped before the {dose.time} dose")
    existing = session.scalar(
        select(DoseObservation).where(
            DoseObservation.order_id == order.id, DoseObservation.dose_key == dose_key(dose.scheduled_for)
        )
    )
    if existing is not None:
        raise Conflict(
            f"the {dose.time} dose of {order.medication} was recorded already ({existing.outcome} at "
            f"{_local(existing.occurred_at)}); to change it, amend that record"
        )
    return dose.scheduled_for


def observe_dose(session: Session, actor: User, cmd: dict[str, Any], now: datetime) -> tuple[Event, bool]:
    """Record what the resident did with a dose, the caller as witness: a `medobs.observed` event, then alerts."""

    def data_for(resident: Resident) -> dict[str, Any]:
        order = session.get(MedicationOrder, cmd["order_id"])
        if order is None or order.voided or order.resident_id != resident.id:
            raise Invalid.field("order_id", "no such order for this resident")
        data = {name: cmd.get(name) for name in OBSERVATION_FIELDS}
        if order.prn:
            _check_prn(session, order, cmd)
        else:
            data["scheduled_for"] = _scheduled_dose(session, order, cmd)
        return data

    return record_about_resident(session, actor, cmd, OBSERVED, "medobs.observe", data_for, now)


def record_followup(session: Session, actor: User, cmd: dict[str, Any], now: datetime) -> tuple[Event, bool]:
    """Document how well a PRN dose worked: a `medobs.prn_followup` event; it closes the follow-up."""

    def data_for(resident: Resident) -> dict[str, Any]:
        dose = session.scalar(
            select(DoseObservation)
            .where(DoseObservation.uid == str(cmd["observation_uid"]), DoseObservation.resident_id == resident.id)
            .with_for_update()  # two follow-ups at once: the second sees the first
            .execution_options(populate_existing=True)
        )
        if dose is None or dose.followup_due_at is None:
            raise Invalid.field("observation_uid", "no PRN dose given to this resident with that uid")
        if dose.followup_at is not None:
            raise Conflict("the follow-up of this PRN dose is documented already; amend that record to change it")
        return {"observation_uid": cmd["observation_uid"], "effect": cmd["effect"], "note": cmd.get("note")}

    return record_about_resident(session, actor, cmd, FOLLOWUP, "medobs.observe", data_for, now)


def observation_view(session: Session, event: Event) -> dict[str, Any]:
    """A stored observation with its witness and follow-up, as the API answers it."""
    row = session.scalar(select(DoseObservation).where(DoseObservation.uid == event.uid))
    witness = session.get(User, event.actor_id)
    view = {
        "id": event.id,
        "uid": event.uid,
        "resident_id": event.resident_id,
        "occurred_at": event.occurred_at,
        "recorded_at": event.recorded_at,
        "late_entry": event.late_entry,
        "witness_id": event.actor_id,
        "witness": witness.name if witness else None,
        **{k: event.data.get(k) for k in OBSERVATION_FIELDS},
    }
    if row is not None:
        view.update(
            scheduled_for=row.scheduled_for,
            outcome=row.outcome,
            side_effects=row.side_effects,
            followup_due_at=row.followup_due_at,
            followup_at=row.followup_at,
            followup_effect=row.followup_effect,
        )
    return view
