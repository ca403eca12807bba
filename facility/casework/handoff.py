"""Case management's part of the handoff: the appointments outside the unit that fall in the next shift, as actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.casework.models import Appointment
from facility.sections import Contribution, ShiftFacts, local_time
from facility.timeutil import ShiftWindow, parse_hhmm, shift_containing


@dataclass(frozen=True)
class Booked:
    """An appointment of the next shift, as the handoff tells it."""

    resident_id: int
    starts_at: datetime
    provider: str
    place: str
    escort_needed: bool
    transport_needed: bool


def next_shift(unit: Any, window: ShiftWindow) -> ShiftWindow:
    """The shift that takes over when `window` ends (local boundaries: 7 or 9 hours on a DST night)."""
    return shift_containing(window.end, [parse_hhmm(t) for t in unit.shift_starts], window.zone)


def gather(session: Session, unit: Any, window: ShiftWindow) -> dict[str, Any]:
    """The unit's appointments in the shift after this one: the incoming shift escorts and drives."""
    coming = next_shift(unit, window)
    rows = session.scalars(
        select(Appointment)
        .where(
            Appointment.unit_id == unit.id, Appointment.starts_at >= coming.start, Appointment.starts_at < coming.end
        )
        .order_by(Appointment.starts_at)
    )
    return {
        "appointments": [
            Booked(a.resident_id, a.starts_at, a.provider, a.place, a.escort_needed, a.transport_needed) for a in rows
        ]
    }


def action(facts: ShiftFacts, booked: Booked) -> str:
    """'escort to Dr Patel at 14:00 (Riverbend clinic; transport needed)'."""
    at = local_time(facts, booked.starts_at)
    what = f"escort to {booked.provider} at {at}" if booked.escort_needed else f"{booked.provider} at {at}"
    extra = "; transport needed" if booked.transport_needed else ""
    return f"{what} ({booked.place}{extra})"


def appointments(facts: ShiftFacts) -> Contribution:
    """Each appointment of the coming shift as an action on its resident's line, and the list in the section."""
    out = Contribution("casework", {})
    names = {r.id: r.display_name for r in facts.residents}
    listed = []
    for booked in facts.extra("casework", {"appointments": []})["appointments"]:
        line = action(facts, booked)
        out.note(booked.resident_id).actions.append(line)
        listed.append(
            {"resident_id": booked.resident_id, "display_name": names.get(booked.resident_id, ""), "action": line}
        )
    out.section = {"appointments": listed}
    return out
