"""Appointments on the floor: what a resident has on a day, as the board and the care page show it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.casework.handlers import outings_in_force, returns_of
from facility.casework.models import Appointment
from facility.domain import DayItem
from facility.timeutil import facility_zone


def day_line(row: Appointment, left: bool, back_at: datetime | None = None) -> str:
    """'14:00 Dr Patel — escort, transport'; '14:00 Dr Patel — left 13:20' once signed out for it, and
    '14:00 Dr Patel — back 15:40' once signed in from that outing."""
    zone = facility_zone()
    said = f"{row.starts_at.astimezone(zone):%H:%M} {row.provider}"
    if left and back_at is not None:
        return f"{said} — back {back_at.astimezone(zone):%H:%M}"
    if left:
        return f"{said} — left {row.left_at.astimezone(zone):%H:%M}"
    needs = [word for word, needed in (("escort", row.escort_needed), ("transport", row.transport_needed)) if needed]
    return f"{said} — {', '.join(needs)}" if needs else said


def day(session: Session, resident_ids: list[int], start: datetime, end: datetime) -> list[DayItem]:
    """The appointments of these residents in [start, end), each one line with its time; an outing may name it."""
    rows = list(
        session.scalars(
            select(Appointment).where(
                Appointment.resident_id.in_(resident_ids), Appointment.starts_at >= start, Appointment.starts_at < end
            )
        )
    )
    left = outings_in_force(session, [a.outing_uid for a in rows if a.outing_uid])
    back = returns_of(session, list(left))
    return [
        DayItem(a.resident_id, a.starts_at, day_line(a, a.outing_uid in left, back.get(a.outing_uid)), a.uid)
        for a in rows
    ]
