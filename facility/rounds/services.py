"""Rounds use cases: record a check, report compliance."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.auth.services import staff_names
from facility.census.codes import ADMITTED, DISCHARGED, LEVEL_CHANGED, TRANSFERRED
from facility.census.models import Resident
from facility.census.scope import unit_for
from facility.census.writes import record_about_resident
from facility.permissions import require
from facility.records.audit import record_access
from facility.records.models import Event
from facility.reports.ranges import shift_label, shifts_between
from facility.rounds import presence
from facility.rounds.codes import CHECK
from facility.rounds.compliance import (
    CensusChange,
    CheckAt,
    Gap,
    RoundsCompliance,
    Window,
    compliance_by_window,
    level_timelines,
    staff_rows,
)
from facility.rounds.state import check_records_between, last_checks
from facility.timeutil import facility_zone

CHECK_FIELDS = ("location", "state", "breathing_observed", "note")


def record_check(session: Session, actor: User, cmd: dict[str, Any], now: datetime) -> tuple[Event, bool]:
    """Record that a resident was seen (or not): a `rounds.check` event, then its alerts."""

    def data_for(resident: Resident) -> dict[str, Any]:
        data = {name: cmd.get(name) for name in CHECK_FIELDS}
        data["presence"] = presence.establish(session, resident, cmd, cmd["occurred_at"], now)
        return data

    return record_about_resident(session, actor, cmd, CHECK, "rounds.check.record", data_for, now)


def _unit_history(session: Session, unit_id: int, start: datetime, end: datetime):
    """Level timelines up to end of everyone ever on the unit, and their checks from the last before start."""
    ids = sorted(
        set(
            session.scalars(
                select(Event.resident_id).where(Event.unit_id == unit_id, Event.resident_id.is_not(None)).distinct()
            )
        )
    )
    rows = (
        session.scalars(
            select(Event).where(
                Event.resident_id.in_(ids),
                Event.kind.in_((ADMITTED, LEVEL_CHANGED, TRANSFERRED, DISCHARGED)),
                Event.occurred_at < end,
            )
        )
        if ids
        else []
    )
    changes = [CensusChange(e.resident_id, e.kind, e.occurred_at, e.unit_id, e.data) for e in rows]
    checks = [CheckAt(rid, at) for rid, at in last_checks(session, ids, before=start).items()]
    checks += check_records_between(session, ids, start, end)
    return level_timelines(changes, unit_id), checks


def unit_compliance(session: Session, unit_id: int, windows: list[Window]) -> list[RoundsCompliance]:
    """rounds_compliance of one unit for each window (the handoff reads one shift this way)."""
    if not windows:
        return []
    timelines, checks = _unit_history(session, unit_id, windows[0].start, windows[-1].end)
    return compliance_by_window(checks, timelines, windows)


def _gap(gap: Gap | None, resident_id: int, names: dict[int, str]) -> dict[str, Any] | None:
    if gap is None:
        return None
    return {
        "resident_id": resident_id,
        "display_name": names.get(resident_id),
        "minutes": gap.minutes,
        "start": gap.start,
        "end": gap.end,
        "open": gap.open,
    }


def _shift_row(
    shift: tuple[datetime, datetime],
    zone: ZoneInfo,
    report: RoundsCompliance,
    names: dict[int, str],
    names_of_staff: dict[int, str],
) -> dict[str, Any]:
    start, end = shift
    longest = report.longest
    residents = [
        {
            "resident_id": r.resident_id,
            "display_name": names.get(r.resident_id),
            "checks": r.checks,
            "on_time": r.on_time,
            "late": r.late,
            "missed": r.missed,
            "longest_gap": _gap(r.longest_gap, r.resident_id, names),
        }
        for r in report.residents
    ]
    return {
        "shift_start": start,
        "shift_end": end,
        "label": shift_label(start, end, zone),
        "checks": report.checks,
        "on_time": report.on_time,
        "missed": report.missed,
        "percent_on_time": report.percent_on_time,
        "on_time_pct": report.percent_on_time,
        "validated": report.validated,
        "validated_pct": report.percent_validated,
        "unscanned_reasons": report.unscanned_reasons,
        "by_staff": staff_rows(report.made, names_of_staff),
        "residents": residents,
        "longest_gap": _gap(longest.longest_gap, longest.resident_id, names) if longest else None,
    }


def compliance_report(session: Session, actor: User, query: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Per shift and resident of a unit in [from, to): checks made, on time, missed, longest gap and when."""
    require(actor, "reports.rounds")
    unit = unit_for(session, actor, query["unit_id"])
    zone = facility_zone()
    start, end = query["from_"], min(query["to"], now)
    shifts = shifts_between(unit.shift_starts, zone, start, end)
    windows = [Window(max(a, start), min(b, end)) for a, b in shifts]
    reports = unit_compliance(session, unit.id, windows)
    ids = sorted({r.resident_id for report in reports for r in report.residents})
    names = {r.id: r.display_name for r in session.scalars(select(Resident).where(Resident.id.in_(ids)))}
    names_of_staff = staff_names(session, {check.actor_id for report in reports for check, _ in report.made})
    record_access(session, actor.id, "read:rounds_report", target=f"unit:{unit.id}")
    return {
        "unit_id": unit.id,
        "timezone": zone.key,
        "from_": query["from_"],
        "to": query["to"],
        "shifts": [_shift_row(s, zone, r, names, names_of_staff) for s, r in zip(shifts, reports)],
    }


def last_days(session: Session, actor: User, unit: Any, now: datetime, days: int = 30) -> dict[str, Any]:
    """The unit's rounds for each of the last `days` local days (today so far): % on time, % validated by
    scan; and the whole span per staff member. What the /reports page charts (nurse, lead)."""
    require(actor, "reports.rounds")
    unit = unit_for(session, actor, unit.id)
    zone = facility_zone()
    today = now.astimezone(zone).date()
    starts = [
        datetime.combine(today - timedelta(days=n), time(0), tzinfo=zone).astimezone(UTC)
        for n in range(days - 1, -1, -1)
    ]
    windows = [Window(start, end) for start, end in zip(starts, starts[1:] + [now])]
    timelines, checks = _unit_history(session, unit.id, windows[0].start, now)
    reports = compliance_by_window(checks, timelines, windows)
    made = [m for report in reports for m in report.made]  # the days side by side are the whole span
    record_access(session, actor.id, "read:rounds_report", target=f"unit:{unit.id}", days=days)
    labels = [f"{w.start.astimezone(zone):%a %d %b}" for w in windows]
    return {
        "days": days,
        "on_time": [(label, r.percent_on_time) for label, r in zip(labels, reports)],
        "validated": [(label, r.percent_validated) for label, r in zip(labels, reports)],
        "by_staff": staff_rows(made, staff_names(session, {check.actor_id for check, _ in made})),
    }
