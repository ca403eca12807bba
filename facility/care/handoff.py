"""The daily-care section of the handoff: intake and sleep, who is off the unit and when due back, groups held."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from facility.care.codes import ADL, CONTACT, DID_NOT_OCCUR, FLUIDS, GROUP, MEAL, RETURNED, SIGNED_OUT, SLEEP
from facility.care.describe import contact, signed_out
from facility.care.handlers import INTAKE_LOOKBACK
from facility.care.models import Meal, Outing
from facility.care.rules import MealFact, in_order, poor_intake_anywhere
from facility.census.models import Resident
from facility.sections import Contribution, ShiftFacts, event_line, local_time
from facility.timeutil import ShiftWindow


@dataclass(frozen=True)
class OutAtEnd:
    """A resident still signed out when the shift ended."""

    resident_id: int
    destination: str
    expected_return_at: datetime
    escorted: bool


def gather(session: Session, unit: Any, window: ShiftWindow) -> dict[str, Any]:
    """Who was still out at the end of the shift, and each resident's last meal before it (for a streak)."""
    out = session.scalars(
        select(Outing).where(
            Outing.unit_id == unit.id,
            Outing.voided.is_(False),
            Outing.started_at < window.end,
            or_(Outing.returned_at.is_(None), Outing.returned_at >= window.end),
        )
    )
    ids = select(Resident.id).where(Resident.unit_id == unit.id)
    meals = session.scalars(
        select(Meal).where(
            Meal.resident_id.in_(ids),
            Meal.occurred_at < window.start,
            Meal.occurred_at >= window.start - INTAKE_LOOKBACK,
        )
    )
    before: dict[int, MealFact] = {}
    for meal in meals:
        fact = MealFact(meal.uid, meal.occurred_at, meal.meal, meal.percent_eaten)
        if meal.resident_id not in before or in_order([before[meal.resident_id], fact])[-1] is fact:
            before[meal.resident_id] = fact
    return {
        "out": [OutAtEnd(o.resident_id, o.destination, o.expected_return_at, o.escort_id is not None) for o in out],
        "meals_before": before,
    }


def _intake(facts: ShiftFacts) -> dict[int, dict[str, Any]]:
    """Per resident: the shift's meals (as MealFacts and lines), fluids and sleep."""
    found: dict[int, dict[str, Any]] = {}
    for event in facts.of_kind(ADL):
        data, activity = event.data, event.data.get("activity")
        if activity not in (MEAL, FLUIDS, SLEEP) or data.get("support") == DID_NOT_OCCUR:
            continue
        entry = found.setdefault(event.resident_id, {"meals": [], "fluids_ml": 0, "sleep_hours": 0.0})
        if activity == MEAL:
            entry["meals"].append(MealFact(event.uid, event.occurred_at, data["meal"], data["percent_eaten"]))
        entry["fluids_ml"] += data.get("fluids_ml") or 0
        entry["sleep_hours"] += data.get("sleep_hours") or 0
    return found


def care(facts: ShiftFacts) -> Contribution:
    """Intake per resident (poor intake makes a watcher), residents off the unit (overdue: an action), groups."""
    extra = facts.extra("care", {"out": [], "meals_before": {}})
    out = Contribution("care", {})
    names = {r.id: r.display_name for r in facts.residents}
    intake = []
    for rid, entry in sorted(_intake(facts).items(), key=lambda item: names.get(item[0], "")):
        meals = in_order(entry["meals"])
        intake.append(
            {
                "resident_id": rid,
                "display_name": names.get(rid, ""),
                "meals": [
                    {"meal": m.meal, "percent_eaten": m.percent_eaten, "time": local_time(facts, m.occurred_at)}
                    for m in meals
                ],
                "fluids_ml": entry["fluids_ml"],
                "sleep_hours": round(entry["sleep_hours"], 2),
            }
        )
        before = extra["meals_before"].get(rid)
        if poor_intake_anywhere(([before] if before else []) + meals):
            poor = ", ".join(f"{m.meal} {m.percent_eaten} %" for m in meals if m.poor)
            out.note(rid).watcher.append("poor intake")
            out.note(rid).events.append(f"ate under 25 % at two meals in a row ({poor})")
    for alert in facts.alerts:
        if alert.kind == "poor_intake" and alert.resident_id is not None:
            out.note(alert.resident_id).watcher.append("poor intake")
    for event in facts.of_kind(SIGNED_OUT, RETURNED, CONTACT):
        line = {SIGNED_OUT: signed_out, CONTACT: contact}.get(event.kind, lambda _d: "back on the unit")(event.data)
        out.note(event.resident_id).events.append(event_line(facts, event, line))
    off_unit = []
    for trip in sorted(extra["out"], key=lambda o: o.expected_return_at):
        due, overdue = local_time(facts, trip.expected_return_at), trip.expected_return_at < facts.window.end
        off_unit.append(
            {
                "resident_id": trip.resident_id,
                "display_name": names.get(trip.resident_id, ""),
                "destination": trip.destination,
                "due_back": due,
                "overdue": overdue,
                "escorted": trip.escorted,
            }
        )
        out.note(trip.resident_id).actions.append(
            f"overdue from {trip.destination} since {due}: reach the {'escort' if trip.escorted else 'resident'}, "
            "tell the nurse"
            if overdue
            else f"out at {trip.destination}, due back {due}: sign them in on return"
        )
    groups = [
        {
            "time": local_time(facts, e.occurred_at),
            "topic": e.data.get("topic"),
            "duration_min": e.data.get("duration_min"),
            "attendees": len(e.data.get("attendees") or []),
        }
        for e in facts.of_kind(GROUP)
    ]
    watchers = sum(1 for n in out.notes.values() if "poor intake" in n.watcher)
    out.section = {"intake": intake, "off_unit": off_unit, "groups": groups, "poor_intake": watchers}
    return out
