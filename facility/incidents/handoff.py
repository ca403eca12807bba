"""The incidents and episodes sections of the handoff: what happened in the shift and what the next one must do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from facility.incidents.codes import CLOSED_STATUS, HIGH_SEVERITIES, REVIEWED_STATUS, SUBMITTED_STATUS
from facility.incidents.hbips import Span, use_minutes
from facility.incidents.models import Episode, EpisodeCheck, EpisodeOrder, Incident, IncidentStep
from facility.incidents.rules import clocks
from facility.sections import Contribution, ShiftFacts, local_time
from facility.timeutil import ShiftWindow
from facility.words import say

# Reports still waiting for review are carried from shift to shift for this long.
PENDING_FOR = timedelta(days=7)


@dataclass(frozen=True)
class IncidentFact:
    """A report as it stood at the end of the shift, with the steps taken during it."""

    id: int
    category: str | None
    severity: str | None
    resident_ids: tuple[int, ...]
    status: str  # at the end of the shift
    steps: tuple[tuple[str, datetime], ...]  # (status, when) within the shift


@dataclass(frozen=True)
class EpisodeFact:
    """An episode as it stood at the end of the shift (later records are not known yet)."""

    id: int
    resident_id: int
    kind: str
    started_at: datetime
    ended_at: datetime | None
    order_expires_at: datetime | None  # None: opened from a report, no order entered yet
    last_monitored_at: datetime | None
    face_to_face_at: datetime | None


def gather_incidents(session: Session, unit: Any, window: ShiftWindow) -> list[IncidentFact]:
    """Reports with a step in the shift, and reports still waiting for review at its end."""
    steps = list(
        session.scalars(
            select(IncidentStep)
            .join(Incident)
            .where(
                Incident.unit_id == unit.id, IncidentStep.at >= window.end - PENDING_FOR, IncidentStep.at < window.end
            )
            .order_by(IncidentStep.at, IncidentStep.id)
        )
    )
    by_incident: dict[int, list[IncidentStep]] = {}
    for step in steps:
        by_incident.setdefault(step.incident_id, []).append(step)
    incidents = {i.id: i for i in session.scalars(select(Incident).where(Incident.id.in_(by_incident)))}
    facts = []
    for incident_id, taken in by_incident.items():
        status = taken[-1].status
        during = tuple((s.status, s.at) for s in taken if s.at >= window.start)
        if during or status == SUBMITTED_STATUS:
            i = incidents[incident_id]
            facts.append(IncidentFact(i.id, i.category, i.severity, tuple(i.resident_ids or ()), status, during))
    return facts


def _at_end(values: list[datetime], end: datetime) -> datetime | None:
    before = [v for v in values if v < end]
    return max(before) if before else None


def gather_episodes(session: Session, unit: Any, window: ShiftWindow) -> list[EpisodeFact]:
    """Episodes that ran during the shift, each as known at its end."""
    rows = list(
        session.scalars(
            select(Episode).where(
                Episode.unit_id == unit.id,
                Episode.started_at < window.end,
                or_(Episode.ended_at.is_(None), Episode.ended_at >= window.start),
            )
        )
    )
    ids = [e.id for e in rows]
    checks: dict[int, list[datetime]] = {}
    orders: dict[int, list[tuple[datetime, datetime]]] = {}
    if ids:
        for c in session.scalars(select(EpisodeCheck).where(EpisodeCheck.episode_id.in_(ids))):
            checks.setdefault(c.episode_id, []).append(c.at)
        for o in session.scalars(
            select(EpisodeOrder).where(EpisodeOrder.episode_id.in_(ids)).order_by(EpisodeOrder.id)
        ):
            orders.setdefault(o.episode_id, []).append((o.ordered_at, o.expires_at))
    facts = []
    for e in rows:
        known = [expires for ordered, expires in orders.get(e.id, []) if ordered < window.end] or [e.order_expires_at]
        facts.append(
            EpisodeFact(
                e.id,
                e.resident_id,
                e.kind,
                e.started_at,
                e.ended_at if e.ended_at and e.ended_at < window.end else None,
                known[-1],
                _at_end(checks.get(e.id, []), window.end),
                e.face_to_face_at if e.face_to_face_at and e.face_to_face_at < window.end else None,
            )
        )
    return facts


def incidents(facts: ShiftFacts) -> Contribution:
    """New, reviewed and closed reports of the shift and those open for review; high ones make residents unstable."""
    out = Contribution("incidents", {})
    found: list[IncidentFact] = facts.extra("incidents", []) or []
    count = {"new": 0, "reviewed": 0, "closed": 0}
    for incident in found:
        what = f"{say(incident.category)} ({incident.severity})"
        for status, at in incident.steps:
            key = {SUBMITTED_STATUS: "new", REVIEWED_STATUS: "reviewed", CLOSED_STATUS: "closed"}.get(status)
            if key:
                count[key] += 1
            if status == SUBMITTED_STATUS:
                for rid in incident.resident_ids:
                    notes = out.note(rid)
                    notes.events.append(f"{local_time(facts, at)} incident: {what}")
                    (notes.unstable if incident.severity in HIGH_SEVERITIES else notes.watcher).append(
                        f"incident: {what}"
                    )
        if incident.status == SUBMITTED_STATUS:
            for rid in incident.resident_ids:
                out.note(rid).actions.append(f"incident review pending: {what} (report #{incident.id})")
    out.section = {
        **count,
        "open_for_review": sum(i.status == SUBMITTED_STATUS for i in found),
        "items": [
            {
                "id": i.id,
                "category": i.category,
                "severity": i.severity,
                "status": i.status,
                "resident_ids": list(i.resident_ids),
            }
            for i in found
        ],
    }
    return out


def episodes(facts: ShiftFacts) -> Contribution:
    """Minutes of restraint and seclusion in the shift, the episodes still running with their clocks."""
    out = Contribution("episodes", {})
    found: list[EpisodeFact] = facts.extra("episodes", []) or []
    window = facts.window
    names = {r.id: r.display_name for r in facts.residents}
    # A running episode counts up to the end of the shift here (HBIPS leaves it undetermined instead).
    spans = [Span(e.id, e.resident_id, e.kind, e.started_at, e.ended_at or window.end) for e in found]
    restraint, seclusion, _open = use_minutes(spans, window.start, window.end)
    running = []
    for e in found:
        notes = out.note(e.resident_id)
        until = f"–{local_time(facts, e.ended_at)}" if e.ended_at else ", still running"
        notes.unstable.append(f"{say(e.kind)} {local_time(facts, e.started_at)}{until}")
        notes.events.append(f"{local_time(facts, e.started_at)} {say(e.kind)} started{until.replace(', ', ' — ')}")
        c = clocks(e.started_at, e.order_expires_at, e.last_monitored_at, e.face_to_face_at, e.ended_at)
        if c.face_to_face_due_at is not None:
            late = "overdue since" if c.face_to_face_due_at <= window.end else "due by"
            notes.actions.append(f"face-to-face evaluation pending ({late} {local_time(facts, c.face_to_face_due_at)})")
        if e.ended_at is None:
            order = (
                f"order until {local_time(facts, c.order_expires_at)}"
                if c.order_expires_at
                else "no order entered yet (reported on an incident: to complete)"
            )
            line = (
                f"{say(e.kind)} running since {local_time(facts, e.started_at)}: monitor by "
                f"{local_time(facts, c.next_monitoring_due_at)}, {order}"
            )
            notes.actions.append(line)
            running.append(
                {
                    "line": line,
                    "id": e.id,
                    "resident_id": e.resident_id,
                    "display_name": names.get(e.resident_id),
                    "kind": e.kind,
                    "started_at": e.started_at.isoformat(),
                    "order_expires_at": c.order_expires_at.isoformat() if c.order_expires_at else None,
                    "face_to_face_due_at": c.face_to_face_due_at.isoformat() if c.face_to_face_due_at else None,
                    "next_monitoring_due_at": c.next_monitoring_due_at.isoformat(),
                }
            )
    out.section = {
        "restraint_minutes": restraint,
        "seclusion_minutes": seclusion,
        "episodes": len(found),
        "running": running,
    }
    return out
