"""Reading the medication record: the day's med pass of a unit and a resident's monthly record (MOR)."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.census.models import Resident
from facility.census.scope import resident_for, unit_for
from facility.medobs.codes import GIVEN, MISSED_CODE, MOR_CODES
from facility.medobs.handlers import window
from facility.medobs.models import DoseObservation, MedicationOrder
from facility.medobs.projection import dose_key
from facility.medobs.schedule import PRN_DAY, Dose, doses_on, prn_check, scheduled_instant
from facility.medobs.services import order_view
from facility.records.audit import record_access
from facility.records.log import corrections_of, effective_data
from facility.records.models import Event
from facility.timeutil import facility_zone


def _observations(session: Session, order_ids: list[int], since: datetime, until: datetime) -> list[DoseObservation]:
    if not order_ids:
        return []
    return list(
        session.scalars(
            select(DoseObservation).where(
                DoseObservation.order_id.in_(order_ids),
                or_(
                    DoseObservation.scheduled_for.between(since, until),
                    DoseObservation.occurred_at.between(since, until),
                ),
            )
        )
    )


def _names(session: Session, ids: set[int]) -> dict[int, User]:
    return {u.id: u for u in session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}


def _records(session: Session, rows: list[DoseObservation]) -> dict[str, tuple[Event, dict[str, Any]]]:
    """The stored event of each observation row with its data in force: when it was stored, and its note."""
    uids = [r.uid for r in rows]
    if not uids:
        return {}
    events = list(session.scalars(select(Event).where(Event.uid.in_(uids))))
    corrections = corrections_of(session, uids)
    return {e.uid: (e, effective_data(e, corrections.get(e.uid, [])) or e.data) for e in events}


def _observation_out(
    row: DoseObservation, users: dict[int, User], records: dict[str, tuple[Event, dict[str, Any]]] | None = None
) -> dict[str, Any]:
    """A dose row as the API answers a stored observation: who witnessed it, when it was stored, and why."""
    columns = {c.key: getattr(row, c.key) for c in DoseObservation.__table__.columns}
    witness = users.get(row.witness_id)
    event, data = (records or {}).get(row.uid, (None, {}))
    return {
        **columns,
        "witness": witness.name if witness else None,
        "witness_role": witness.role if witness else None,
        "recorded_at": event.recorded_at if event else None,
        "late_entry": bool(event and event.late_entry),
        "note": data.get("note"),
        "late_reason": data.get("late_reason"),
    }


def shows(order: MedicationOrder, dose: Dose, observed: bool) -> bool:
    """A dose is on the pass when observed, or when the order was in force for it and entered before its window
    closed."""
    return observed or (order.in_force_at(dose.scheduled_for) and dose.window_end > order.ordered_at)


def med_pass(session: Session, actor: User, unit_id: int, day: date | None, now: datetime) -> dict[str, Any]:
    """Every scheduled dose of a local day on a unit with its window and status, then the PRN orders."""
    unit = unit_for(session, actor, unit_id)
    tz, width = facility_zone(), window()
    day = day or now.astimezone(tz).date()
    residents = {
        r.id: r
        for r in session.scalars(select(Resident).where(Resident.unit_id == unit.id, Resident.discharged_at.is_(None)))
    }
    orders = list(
        session.scalars(
            select(MedicationOrder)
            .where(
                MedicationOrder.resident_id.in_(residents),
                MedicationOrder.voided.is_(False),
                MedicationOrder.start_date <= day + timedelta(days=1),
            )
            .order_by(MedicationOrder.id)
        )
    )
    start = scheduled_instant(day, "00:00", tz) - PRN_DAY
    rows = _observations(session, [o.id for o in orders], start, max(now, start + 3 * PRN_DAY))
    users = _names(session, {r.witness_id for r in rows})
    records = _records(session, rows)
    by_dose = {(r.order_id, r.dose_key): r for r in rows}
    doses, prn = [], []
    for order in orders:
        view = order_view(order, residents[order.resident_id])
        resident = residents[order.resident_id]
        base = {
            "order_id": order.id,
            "resident_id": resident.id,
            "display_name": resident.display_name,
            "room": resident.room,
            **{k: view[k] for k in ("allergies", "medication", "strength", "dose", "route", "instructions")},
        }
        if order.prn:
            if order.in_force_at(now) and order.start_date <= day and (order.end_date is None or day <= order.end_date):
                prn.append(_prn_row(order, base, [r for r in rows if r.order_id == order.id], users, records, now))
            continue
        for dose in doses_on(day, order.times, order.start_date, order.end_date, tz, width):
            seen = by_dose.get((order.id, dose_key(dose.scheduled_for)))
            if not shows(order, dose, seen is not None):
                continue
            doses.append(
                {
                    **base,
                    "time": dose.time,
                    "scheduled_for": dose.scheduled_for,
                    "window_start": dose.window_start,
                    "window_end": dose.window_end,
                    "status": dose.status(seen is not None, now),
                    "observation": _observation_out(seen, users, records) if seen else None,
                }
            )
    doses.sort(key=lambda d: (d["scheduled_for"], d["room"]))
    record_access(session, actor.id, "read:med_pass", target=f"unit:{unit.id}")
    return {
        "unit_id": unit.id,
        "date": day,
        "timezone": tz.key,
        "now": now,
        "window_minutes": int(width.total_seconds() // 60),
        "doses": doses,
        "prn": prn,
    }


def _prn_row(
    order: MedicationOrder,
    base: dict[str, Any],
    rows: list[DoseObservation],
    users: dict[int, User],
    records: dict[str, tuple[Event, dict[str, Any]]],
    now: datetime,
) -> dict[str, Any]:
    check = prn_check([r.occurred_at for r in rows if r.outcome in GIVEN], now, order.prn_max_per_24h)
    waiting = [
        _observation_out(r, users, records) for r in rows if r.followup_due_at is not None and r.followup_at is None
    ]
    return {
        **base,
        "prn_indication": order.prn_indication,
        "prn_max_per_24h": order.prn_max_per_24h,
        "given_last_24h": check.given,
        "next_allowed_at": check.next_allowed_at,
        "followups_due": sorted(waiting, key=lambda o: o["followup_due_at"]),
    }


def month_days(first: date | None, today: date) -> tuple[date, date]:
    """The first and last day of the month that starts on first (loaded by the Month field); this month when None."""
    first = first or today.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


# How the key of the MOR names each witness's role.
ROLE_WORDS = {
    "worker": "mental health worker",
    "nurse": "nurse",
    "lead": "team lead",
    "admin": "administrator",
    "clinician": "clinician",
    "case_manager": "case manager",
}


def _initials(user: User | None) -> str:
    return "".join(part[:1] for part in user.name.split()).upper() if user else "?"


def initials_key(users: dict[int, User]) -> dict[int, str]:
    """Each witness's initials on the record, made unique: a second 'WW' of the month is 'WW2'."""
    out: dict[int, str] = {}
    taken: dict[str, int] = {}
    for user in sorted(users.values(), key=lambda u: u.id):
        base = _initials(user)
        taken[base] = taken.get(base, 0) + 1
        out[user.id] = base if taken[base] == 1 else f"{base}{taken[base]}"
    return out


def mor(session: Session, actor: User, resident_id: int, month: date | None, now: datetime) -> dict[str, Any]:
    """The monthly medication observation record: each order × time × day with its outcome code and witness."""
    resident = resident_for(session, actor, resident_id)
    tz, width = facility_zone(), window()
    first, last = month_days(month, now.astimezone(tz).date())
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    orders = [
        o
        for o in session.scalars(
            select(MedicationOrder)
            .where(MedicationOrder.resident_id == resident.id, MedicationOrder.voided.is_(False))
            .order_by(MedicationOrder.id)
        )
        if o.start_date <= last and (o.end_date is None or o.end_date >= first)
    ]
    since = scheduled_instant(first, "00:00", tz) - timedelta(days=1)
    until = scheduled_instant(last, "00:00", tz) + timedelta(days=2)
    rows = _observations(session, [o.id for o in orders], since, until)
    users = _names(session, {r.witness_id for r in rows})
    initials = initials_key(users)
    by_dose = {(r.order_id, r.dose_key): r for r in rows}
    out = []
    for order in orders:
        entry = {"order": order_view(order, resident), "rows": [], "prn_doses": []}
        if order.prn:
            given = sorted(
                (r for r in rows if r.order_id == order.id and first <= r.occurred_at.astimezone(tz).date() <= last),
                key=lambda r: r.occurred_at,
            )
            entry["prn_doses"] = [
                {
                    **_observation_out(r, users),
                    "code": MOR_CODES[r.outcome],
                    "local_day": f"{r.occurred_at.astimezone(tz):%d %b}",
                    "local_time": f"{r.occurred_at.astimezone(tz):%H:%M}",
                    "witness_initials": initials.get(r.witness_id, "?"),
                }
                for r in given
            ]
        for hhmm in order.times:
            cells = []
            for day in days:
                cells.append(_cell(order, day, hhmm, by_dose, initials, tz, width, now))
            entry["rows"].append({"time": hhmm, "cells": cells})
        out.append(entry)
    record_access(session, actor.id, "read:mor", target=f"resident:{resident.id}", resident_id=resident.id)
    return {
        "resident": resident,
        "allergies": list(resident.allergies or []),
        "month": f"{first:%Y-%m}",
        "month_label": f"{first:%B %Y}",
        "days": days,
        "prev_month": f"{first - timedelta(days=1):%Y-%m}",
        "next_month": f"{last + timedelta(days=1):%Y-%m}",
        "orders": out,
        "codes": MOR_CODES,
        "missed_code": MISSED_CODE,
        "witnesses": _witness_key(users, initials),
    }


def _witness_key(users: dict[int, User], initials: dict[int, str]) -> list[dict[str, str]]:
    """The key of the initials on the month's record: initials → full name and role, by initials."""
    return sorted(
        ({"initials": initials[u.id], "name": u.name, "role": ROLE_WORDS.get(u.role, u.role)} for u in users.values()),
        key=lambda w: (w["initials"], w["name"]),
    )


def _cell(order, day, hhmm, by_dose, initials, tz, width, now) -> dict[str, Any]:
    """One square of the MOR: the outcome code and witness, M for a missed dose, blank when not due."""
    found = doses_on(day, [hhmm], order.start_date, order.end_date, tz, width)
    if not found:
        return {"code": "", "scheduled": False}
    dose = found[0]
    seen = by_dose.get((order.id, dose_key(dose.scheduled_for)))
    if seen is not None:
        return {
            "code": MOR_CODES[seen.outcome],
            "witness": initials.get(seen.witness_id, "?"),
            "scheduled": True,
            "outcome": seen.outcome,
            "at": seen.occurred_at.astimezone(tz).strftime("%H:%M"),
        }
    if not shows(order, dose, False):
        return {"code": "", "scheduled": False}
    return {"code": MISSED_CODE if dose.status(False, now) == "missed" else "", "scheduled": True}
