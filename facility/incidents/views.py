"""Incidents and episodes as the API and the pages show them: the report, its history, the episodes' clocks."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.services import staff_names
from facility.census.models import Resident
from facility.incidents.codes import MANDATED_REPORT
from facility.incidents.models import Episode, EpisodeCheck, EpisodeOrder, Incident, IncidentAddendum, IncidentStep
from facility.incidents.projection import episodes_of, instant, linked_incidents
from facility.incidents.rules import clocks
from facility.records.models import Event


def _residents(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    found = {r.id: r for r in session.scalars(select(Resident).where(Resident.id.in_(ids)))} if ids else {}
    return [{"id": i, "display_name": found[i].display_name if i in found else None} for i in ids]


def addendum_of(session: Session, uid: str) -> dict[str, Any]:
    row = session.scalar(select(IncidentAddendum).where(IncidentAddendum.uid == str(uid)))
    return {
        "id": row.id,
        "uid": row.uid,
        "incident_id": row.incident_id,
        "text": row.text,
        "author_id": row.author_id,
        "author": staff_names(session, {row.author_id}).get(row.author_id),
        "at": row.at,
    }


def summary_view(session: Session, incident: Incident) -> dict[str, Any]:
    """A report as a list shows it: its fields and where it stands."""
    return {
        "id": incident.id,
        "uid": incident.uid,
        "unit_id": incident.unit_id,
        "status": incident.status,
        "author_id": incident.author_id,
        "created_at": incident.created_at,
        "updated_at": incident.updated_at,
        "residents": _residents(session, list(incident.resident_ids or [])),
        **{"staff_ids": [], "injuries": [], "notifications": []},
        **incident.report,
        "occurred_at": incident.occurred_at,
    }


def incident_view(session: Session, incident: Incident, now: datetime) -> dict[str, Any]:
    """The report with its status history (who, when), its addenda and its episodes with their clocks."""
    steps = list(
        session.scalars(select(IncidentStep).where(IncidentStep.incident_id == incident.id).order_by(IncidentStep.id))
    )
    addenda = list(
        session.scalars(
            select(IncidentAddendum).where(IncidentAddendum.incident_id == incident.id).order_by(IncidentAddendum.id)
        )
    )
    episodes = episodes_of(session, incident.id)
    names = staff_names(
        session,
        {s.actor_id for s in steps}
        | {a.author_id for a in addenda}
        | {incident.author_id}
        | set(incident.report.get("staff_ids") or []),
    )
    return {
        **summary_view(session, incident),
        "author": names.get(incident.author_id),
        "staff": [{"id": i, "name": names.get(i)} for i in incident.report.get("staff_ids") or []],
        "history": [
            {"status": s.status, "by_id": s.actor_id, "by": names.get(s.actor_id), "at": s.at, "note": s.note}
            for s in steps
        ],
        "addenda": [
            {
                "id": a.id,
                "uid": a.uid,
                "incident_id": a.incident_id,
                "text": a.text,
                "author_id": a.author_id,
                "author": names.get(a.author_id),
                "at": a.at,
            }
            for a in addenda
        ],
        "episodes": [episode_view(session, e, now) for e in episodes],
        "mandated_reports": mandated_reports_of(session, incident),
    }


def mandated_report_view(event: Event, names: dict[int, str]) -> dict[str, Any]:
    data = event.data
    return {
        "id": event.id,
        "uid": event.uid,
        "incident_id": data["incident_id"],
        "agency": data["agency"],
        "reported_at": instant(data["reported_at"]),
        "method": data["method"],
        "reference": data.get("reference"),
        "filed_by": names.get(event.actor_id),
        "filed_at": event.recorded_at,
    }


def mandated_reports_of(session: Session, incident: Incident) -> list[dict[str, Any]]:
    """The mandated reports filed about an incident (suspected abuse or neglect told to an agency), oldest first."""
    events = list(
        session.scalars(
            select(Event)
            .where(
                Event.kind == MANDATED_REPORT,
                Event.unit_id == incident.unit_id,
                Event.data["incident_id"].as_integer() == incident.id,
            )
            .order_by(Event.id)
        )
    )
    names = staff_names(session, {e.actor_id for e in events})
    return [mandated_report_view(e, names) for e in events]


def episode_minutes(started_at: datetime, until: datetime) -> int:
    """Whole minutes from start to until, rounded up, at least 1."""
    return max(1, math.ceil((until - started_at).total_seconds() / 60))


def episode_view(session: Session, episode: Episode, now: datetime) -> dict[str, Any]:
    """An episode with its orders, checks and clocks (the page counts down to each)."""
    orders = list(
        session.scalars(select(EpisodeOrder).where(EpisodeOrder.episode_id == episode.id).order_by(EpisodeOrder.id))
    )
    checks = list(
        session.scalars(
            select(EpisodeCheck).where(EpisodeCheck.episode_id == episode.id).order_by(EpisodeCheck.at, EpisodeCheck.id)
        )
    )
    names = staff_names(
        session,
        {episode.started_by_id, episode.face_to_face_by_id, episode.ended_by_id}
        | {c.by_id for c in checks}
        | {o.entered_by_id for o in orders},
    )
    resident = session.get(Resident, episode.resident_id)
    c = clocks(
        episode.started_at,
        episode.order_expires_at,
        episode.last_monitored_at,
        episode.face_to_face_at,
        episode.ended_at,
    )
    missing = (
        [what for what, known in (("order", episode.order_expires_at), ("end", episode.ended_at)) if known is None]
        if episode.opened_from_report
        else []
    )
    return {
        "id": episode.id,
        "uid": episode.uid,
        "incident_id": episode.incident_id,
        "unit_id": episode.unit_id,
        "resident_id": episode.resident_id,
        "display_name": resident.display_name if resident else None,
        "kind": episode.kind,
        "status": "running" if episode.ended_at is None else "ended",
        "opened_from_report": episode.opened_from_report,
        "to_complete": bool(missing),
        "missing": missing,
        "incident_ids": linked_incidents(session, episode),
        "started_at": episode.started_at,
        "started_by": names.get(episode.started_by_id),
        "ended_at": episode.ended_at,
        "ended_by": names.get(episode.ended_by_id),
        "end_note": episode.end_note,
        "minutes": episode_minutes(episode.started_at, episode.ended_at or now),
        "order_minutes": episode.order_minutes,
        "order_expires_at": c.order_expires_at,
        "order_total_limit_at": c.total_limit_at,
        "face_to_face_due_at": c.face_to_face_due_at,
        "face_to_face_at": episode.face_to_face_at,
        "face_to_face_by": names.get(episode.face_to_face_by_id),
        "face_to_face_findings": episode.face_to_face_findings,
        "last_monitored_at": episode.last_monitored_at,
        "next_monitoring_due_at": c.next_monitoring_due_at,
        "orders": [
            {
                "uid": o.uid,
                "ordered_by": o.ordered_by,
                "ordered_at": o.ordered_at,
                "expires_at": o.expires_at,
                "renewal": o.renewal,
                "entered_by": names.get(o.entered_by_id),
            }
            for o in orders
        ],
        "monitoring": [
            {
                "uid": k.uid,
                "at": k.at,
                "by_id": k.by_id,
                "by": names.get(k.by_id),
                "state": k.state,
                "checks": list(k.checks or []),
                "note": k.note,
            }
            for k in checks
        ],
        "now": now,
    }
