"""The medication section of the handoff: refusals, side effects, missed doses, PRNs — and what is due next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from facility.census.models import Resident
from facility.medobs.codes import FOLLOWUP, GIVEN, OBSERVED, REFUSED
from facility.medobs.models import DoseObservation, MedicationOrder
from facility.medobs.rules import is_severe
from facility.medobs.schedule import doses_between
from facility.sections import Contribution, ShiftFacts, event_line, local_time
from facility.timeutil import ShiftWindow
from facility.words import say

FIRST_HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class OrderFact:
    """What the handoff needs of an order."""

    id: int
    resident_id: int
    medication: str
    dose: str
    times: tuple[str, ...]
    prn: bool
    start_date: date
    end_date: date | None
    stopped_at: datetime | None


@dataclass(frozen=True)
class FollowupFact:
    """A PRN dose given whose follow-up was not documented by the end of the shift."""

    resident_id: int
    order_id: int
    due_at: datetime


def gather(session: Session, unit: Any, window: ShiftWindow) -> dict[str, Any]:
    """The unit's orders in force during the shift and the PRN follow-ups still open at its end."""
    ids = list(
        session.scalars(
            select(Resident.id).where(
                Resident.unit_id == unit.id,
                Resident.admitted_at < window.end,
                or_(Resident.discharged_at.is_(None), Resident.discharged_at >= window.end),
            )
        )
    )
    orders = (
        session.scalars(
            select(MedicationOrder).where(
                MedicationOrder.resident_id.in_(ids),
                MedicationOrder.voided.is_(False),
                or_(MedicationOrder.stopped_at.is_(None), MedicationOrder.stopped_at > window.start),
            )
        )
        if ids
        else []
    )
    facts = {
        o.id: OrderFact(
            o.id, o.resident_id, o.medication, o.dose, tuple(o.times), o.prn, o.start_date, o.end_date, o.stopped_at
        )
        for o in orders
    }
    open_followups = (
        session.scalars(
            select(DoseObservation).where(
                DoseObservation.resident_id.in_(ids),
                DoseObservation.followup_due_at.is_not(None),
                DoseObservation.occurred_at >= window.end - timedelta(hours=24),
                DoseObservation.occurred_at < window.end,
                or_(DoseObservation.followup_at.is_(None), DoseObservation.followup_at >= window.end),
            )
        )
        if ids
        else []
    )
    return {
        "orders": facts,
        "followups": [FollowupFact(f.resident_id, f.order_id, f.followup_due_at) for f in open_followups],
    }


def medication(facts: ShiftFacts) -> Contribution:
    """Counts for the section; per resident what happened with their doses and what the next shift must do."""
    extra = facts.extra("medication", {"orders": {}, "followups": []})
    orders: dict[int, OrderFact] = extra["orders"]
    out = Contribution("medication", {})
    refusals = side_effects = prn_given = 0
    effects = {str(e.data.get("observation_uid")): e.data.get("effect") for e in facts.of_kind(FOLLOWUP)}
    for event in facts.of_kind(OBSERVED):
        data, rid = event.data, event.resident_id
        order = orders.get(data.get("order_id"))
        name = order.medication if order else "medication"
        outcome = data.get("outcome")
        notes = out.note(rid)
        if outcome == REFUSED:
            refusals += 1
            notes.watcher.append(f"refused {name}")
        if order is not None and order.prn and outcome in GIVEN:
            prn_given += 1
            effect = say(effects.get(event.uid)) or "follow-up not documented"
            notes.events.append(
                event_line(facts, event, f"PRN {name} given for {data.get('prn_indication')} — {effect}")
            )
        elif outcome != "taken":
            reason = f" ({data['held_reason']})" if data.get("held_reason") else ""
            notes.events.append(event_line(facts, event, f"{name}: {say(outcome)}{reason}"))
        if data.get("side_effects"):
            side_effects += 1
            seen = ", ".join(say(s) for s in data["side_effects"])
            notes.watcher.append(f"side effect: {seen}")
            severe = any(is_severe(s) for s in data["side_effects"])
            notes.events.append(
                event_line(facts, event, f"{'SEVERE ' if severe else ''}side effect after {name}: {seen}")
            )
    missed = [
        a for a in facts.alerts if a.kind == "dose_missed" and facts.window.start <= a.raised_at < facts.window.end
    ]
    for alert in missed:
        out.note(alert.resident_id).events.append(f"{local_time(facts, alert.raised_at)} {alert.message}")
    for followup in extra["followups"]:
        order = orders.get(followup.order_id)
        state = "overdue since" if followup.due_at < facts.window.end else "due"
        out.note(followup.resident_id).actions.append(
            f"PRN {order.medication if order else ''} follow-up {state} {local_time(facts, followup.due_at)}"
        )
    due_next = _first_hour_doses(facts, orders.values(), out)
    out.section = {
        "refusals": refusals,
        "side_effects": side_effects,
        "missed": len(missed),
        "prn_given": prn_given,
        "followups_open": len(extra["followups"]),
        "due_first_hour": due_next,
    }
    return out


def _first_hour_doses(facts: ShiftFacts, orders, out: Contribution) -> int:
    """Doses scheduled in the first hour of the next shift, as actions for their residents."""
    start, zone = facts.window.end, facts.window.zone
    present = {r.id for r in facts.residents if r.discharged_at is None}
    count = 0
    for order in orders:
        if order.prn or order.resident_id not in present:
            continue
        for dose in doses_between(list(order.times), order.start_date, order.end_date, zone, start, start + FIRST_HOUR):
            if order.stopped_at is None or dose.scheduled_for < order.stopped_at:
                count += 1
                out.note(order.resident_id).actions.append(
                    f"dose due {local_time(facts, dose.scheduled_for)}: {order.medication} {order.dose}"
                )
    return count
