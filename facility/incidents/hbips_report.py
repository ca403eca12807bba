"""HBIPS read from the record: the episodes, stays (with their transfers), leave and reported holds of some units,
folded by `facility.incidents.hbips`. Pages call `report_for(session, units, start, end)`; the API `report`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from facility import clock
from facility.auth.models import User
from facility.census.codes import TRANSFERRED
from facility.census.models import Resident, Unit
from facility.census.scope import unit_for
from facility.domain import registry
from facility.incidents.codes import DRAFT, RESTRICTIVE
from facility.incidents.hbips import ReportedHold, Span, Stay, figures
from facility.incidents.models import Episode, EpisodeLink, Incident
from facility.permissions import require
from facility.records.audit import record_access
from facility.records.models import Event
from facility.timeutil import facility_zone


def report_for(
    session: Session, units: list[Unit], start: datetime, end: datetime, now: datetime | None = None
) -> dict[str, Any]:
    """HBIPS of the units over [start, end) as of now (default: the app's clock) — the function the pages call
    (no access check inside: the caller's job).

    Keys: resident_days, leave_days, inpatient_hours, restraint_hours, seclusion_hours, hbips2_rate,
    hbips3_rate (None without inpatient hours), not_determinable (episode ids), not_determinable_incidents
    (report ids), not_determinable_incident_count, hours_determinable, restraint_minutes, seclusion_minutes, and
    strata: {"1-12" | "13-17" | "18-64" | "65+": the same figures but the report ids}.
    """
    unit_ids = {unit.id for unit in units}
    episodes = session.scalars(
        select(Episode).where(
            Episode.unit_id.in_(unit_ids),
            Episode.started_at < end,
            or_(Episode.ended_at.is_(None), Episode.ended_at >= start),
        )
    )
    spans = [Span(e.id, e.resident_id, e.kind, e.started_at, e.ended_at) for e in episodes]
    stays = _stays(session, unit_ids, start, end)
    absences = registry().absences(session, [s.resident_id for s in stays], start, end)
    return figures(
        spans,
        stays,
        absences,
        start,
        end,
        facility_zone(),
        now or clock.now(),
        reported_holds(session, unit_ids, start, end),
        unit_ids,
    )


def _stays(session: Session, unit_ids: set[int], start: datetime, end: datetime) -> list[Stay]:
    """The stays overlapping [start, end) of residents who were on one of the units in it, with their moves."""
    residents = list(
        session.scalars(
            select(Resident).where(
                Resident.admitted_at < end, or_(Resident.discharged_at.is_(None), Resident.discharged_at > start)
            )
        )
    )
    moves: dict[int, list[tuple[datetime, int, int]]] = {}
    for resident_id, at, data in session.execute(
        select(Event.resident_id, Event.occurred_at, Event.data)
        .where(Event.kind == TRANSFERRED, Event.resident_id.in_([r.id for r in residents]))
        .order_by(Event.occurred_at, Event.id)
    ):
        moves.setdefault(resident_id, []).append((at, data["from_unit_id"], data["to_unit_id"]))
    stays = []
    for resident in residents:
        theirs = moves.get(resident.id, [])
        first = theirs[0][1] if theirs else resident.unit_id
        units = ((resident.admitted_at, first), *((at, to) for at, _from, to in theirs))
        if any(unit_id in unit_ids for _since, unit_id in units):
            stays.append(Stay(resident.id, resident.admitted_at, resident.discharged_at, resident.date_of_birth, units))
    return stays


def reported_holds(session: Session, unit_ids: set[int], start: datetime, end: datetime) -> list[ReportedHold]:
    """The units' submitted reports of [start, end) naming a hold, restraint or seclusion, with their episodes."""
    reports = [
        i
        for i in session.scalars(
            select(Incident).where(
                Incident.unit_id.in_(unit_ids),
                Incident.status != DRAFT,
                Incident.occurred_at >= start,
                Incident.occurred_at < end,
            )
        )
        if RESTRICTIVE & set(i.report.get("interventions") or ())
    ]
    if not reports:
        return []
    ids = [i.id for i in reports]
    ends: dict[int, list[datetime | None]] = {}
    for episode in session.scalars(select(Episode).where(Episode.incident_id.in_(ids))):
        ends.setdefault(episode.incident_id, []).append(episode.ended_at)
    for incident_id, ended_at in session.execute(
        select(EpisodeLink.incident_id, Episode.ended_at)
        .join(Episode, Episode.id == EpisodeLink.episode_id)
        .where(EpisodeLink.incident_id.in_(ids))
    ):
        ends.setdefault(incident_id, []).append(ended_at)
    return [ReportedHold(i.id, i.occurred_at, tuple(ends.get(i.id, ()))) for i in reports]


def report(
    session: Session, actor: User, unit_id: int | None, start: datetime, end: datetime, now: datetime
) -> dict[str, Any]:
    """GET /api/v1/reports/hbips: a lead's HBIPS figures of one of their units, or of all their units together
    (the whole facility for a lead of every unit) when no unit is named (audited)."""
    require(actor, "reports.hbips")
    if unit_id is None:
        units = list(session.scalars(select(Unit).where(Unit.id.in_(actor.unit_ids)).order_by(Unit.id)))
    else:
        units = [unit_for(session, actor, unit_id)]
    ids = [unit.id for unit in units]
    target = f"unit:{unit_id}" if unit_id is not None else "units:" + ",".join(map(str, ids))
    record_access(session, actor.id, "read:hbips", target=target)
    return {**report_for(session, units, start, end, now), "unit_ids": ids}
