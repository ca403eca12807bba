"""Adapters between the store and the pure medication rules: keep projections, gather state, call the rule."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from facility.alerts.models import Alert
from facility.census.models import Resident
from facility.medobs import describe
from facility.medobs.models import DoseObservation, MedicationOrder
from facility.medobs.projection import dose_key, project_followup, project_observation, project_order, project_stop
from facility.medobs.rules import (
    DueDose,
    ObservationFacts,
    Outcome,
    PendingFollowup,
    followup_condition,
    followup_outcomes,
    missed_condition,
    missed_outcomes,
    observation_outcomes,
)
from facility.medobs.schedule import FOLLOWUP_GRACE, doses_between
from facility.outcomes import Resolve
from facility.timeutil import facility_zone

# The sweeps look this far back: a scheduler that was down for longer does not flood the console.
LOOKBACK = timedelta(hours=12)


def window() -> timedelta:
    """How far either side of the scheduled time a dose may be taken (MEDPASS_WINDOW_MINUTES, default 60)."""
    return timedelta(minutes=int(current_app.config.get("MEDPASS_WINDOW_MINUTES", 60)))


def _order_facts(session: Session, order_id: Any) -> dict[str, Any] | None:
    order = session.get(MedicationOrder, order_id) if isinstance(order_id, int) else None
    if order is None:
        return None
    return {
        name: getattr(order, name)
        for name in ("medication", "strength", "dose", "route", "times", "prn", "prn_indication", "prn_max_per_24h")
    }


def describe_observed(session: Session, data: dict[str, Any]) -> str:
    """An observation's timeline line with the medication and dose it names (its order's), and the dose's time."""
    scheduled = data.get("scheduled_for")
    if isinstance(scheduled, str):
        scheduled = datetime.fromisoformat(scheduled)
    at = f"{scheduled.astimezone(facility_zone()):%H:%M}" if scheduled else None
    return describe.observed(data, _order_facts(session, data.get("order_id")), at)


def describe_stopped(session: Session, data: dict[str, Any]) -> str:
    """A stop's timeline line naming the medication stopped."""
    return describe.stopped(data, _order_facts(session, data.get("order_id")))


def on_ordered(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A new (or corrected) order updates the orders in force."""
    project_order(session, record.uid)
    return []


def on_stopped(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A stop (or its correction) takes the order's later doses off the med pass."""
    project_stop(session, record.uid)
    return []


def _previous_outcome(session: Session, row: DoseObservation) -> str | None:
    """The outcome of the order's observation just before this one (by the dose's time), if any."""
    at = row.scheduled_for or row.occurred_at
    rows = session.scalars(
        select(DoseObservation).where(
            DoseObservation.order_id == row.order_id,
            DoseObservation.uid != row.uid,
            DoseObservation.occurred_at >= row.occurred_at - timedelta(days=7),
        )
    )
    earlier = [r for r in rows if (r.scheduled_for or r.occurred_at) < at]
    return max(earlier, key=lambda r: (r.scheduled_for or r.occurred_at, r.id)).outcome if earlier else None


def on_observed(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """The alerts an observation raises and clears, after the dose row says what is in force."""
    row = project_observation(session, record.uid)
    if row is None:
        return []
    order = session.get(MedicationOrder, row.order_id)
    resident = session.get(Resident, row.resident_id)
    facts = ObservationFacts(
        record.uid,
        record.unit_id,
        resident.id,
        resident.display_name,
        order.id,
        order.medication,
        row.scheduled_for,
        row.outcome,
        tuple(row.side_effects),
        facility_zone(),
    )
    return observation_outcomes(facts, _previous_outcome(session, row))


def on_observation_corrected(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A void frees the dose (the sweep may call it missed); an amendment rewrites its row."""
    project_observation(session, record.uid)
    return []


def on_followup(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A documented follow-up closes the PRN's overdue follow-up."""
    row = project_followup(session, record.uid)
    return [Resolve(followup_condition(row.uid), "follow-up documented")] if row is not None else []


def on_followup_corrected(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    project_followup(session, record.uid)
    return []


def sweep_missed(session: Session, now: datetime) -> list[Outcome]:
    """dose_missed for every scheduled dose whose window closed in the last 12 hours with no observation."""
    tz, width = facility_zone(), window()
    since = now - LOOKBACK - width
    rows = session.execute(
        select(MedicationOrder, Resident)
        .join(Resident)
        .where(
            Resident.discharged_at.is_(None),
            MedicationOrder.prn.is_(False),
            MedicationOrder.voided.is_(False),
            or_(MedicationOrder.stopped_at.is_(None), MedicationOrder.stopped_at > since),
        )
    ).all()
    due: list[tuple[MedicationOrder, Resident, Any]] = []
    for order, resident in rows:
        for dose in doses_between(order.times, order.start_date, order.end_date, tz, since, now, width):
            if (
                now - LOOKBACK < dose.window_end <= now
                and order.in_force_at(dose.scheduled_for)
                and dose.window_end > max(order.ordered_at, resident.admitted_at)
            ):
                due.append((order, resident, dose))
    if not due:
        return []
    observed = set(
        session.execute(
            select(DoseObservation.order_id, DoseObservation.dose_key).where(
                DoseObservation.order_id.in_({o.id for o, _r, _d in due}), DoseObservation.scheduled_for >= since
            )
        ).all()
    )
    conditions = [missed_condition(o.id, d.scheduled_for) for o, _r, d in due]
    raised = set(session.scalars(select(Alert.condition).where(Alert.condition.in_(conditions))))
    doses = [
        DueDose(
            o.id,
            r.unit_id,
            r.id,
            r.display_name,
            o.medication,
            d.scheduled_for,
            d.window_end,
            (o.id, dose_key(d.scheduled_for)) in observed,
        )
        for o, r, d in due
    ]
    return missed_outcomes(doses, raised, now, tz)


def sweep_followups(session: Session, now: datetime) -> list[Outcome]:
    """prn_followup_overdue for PRN doses whose follow-up fell due over 30 minutes ago, undocumented."""
    rows = session.execute(
        select(DoseObservation, MedicationOrder, Resident)
        .join(MedicationOrder, DoseObservation.order_id == MedicationOrder.id)
        .join(Resident, DoseObservation.resident_id == Resident.id)
        .where(
            DoseObservation.followup_due_at.is_not(None),
            DoseObservation.followup_at.is_(None),
            DoseObservation.followup_due_at <= now - FOLLOWUP_GRACE,
            DoseObservation.followup_due_at > now - LOOKBACK,
            Resident.discharged_at.is_(None),
        )
    ).all()
    pending = [
        PendingFollowup(d.uid, r.unit_id, r.id, r.display_name, o.medication, d.followup_due_at) for d, o, r in rows
    ]
    return followup_outcomes(pending, now, facility_zone())
