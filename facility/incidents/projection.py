"""Keeping the incident and episode rows in step with their events (the handlers call these)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.incidents.codes import REPORT_KEYS, SUBMITTED_STATUS
from facility.incidents.models import (
    Episode,
    EpisodeCheck,
    EpisodeLink,
    EpisodeOrder,
    Incident,
    IncidentAddendum,
    IncidentStep,
)


def instant(value: Any) -> datetime | None:
    """A stored ISO timestamp (events keep their data as JSON) or a datetime, as a datetime."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _fill(incident: Incident, report: dict[str, Any]) -> None:
    incident.report = {k: v for k, v in report.items() if k in REPORT_KEYS}
    incident.occurred_at = instant(report.get("occurred_at"))
    incident.severity, incident.category = report.get("severity"), report.get("category")
    incident.resident_ids = list(report.get("resident_ids") or [])


def _step(session: Session, record: Any, incident: Incident, status: str, now: datetime) -> None:
    incident.status, incident.updated_at = status, now
    session.add(
        IncidentStep(
            uid=record.uid,
            incident_id=incident.id,
            status=status,
            actor_id=record.actor_id,
            at=now,
            note=record.data.get("note"),
        )
    )


def project_new(session: Session, record: Any, status: str, now: datetime) -> Incident:
    """A report created as a draft or submitted at once: its row and first step."""
    incident = Incident(
        uid=record.uid, unit_id=record.unit_id, author_id=record.actor_id, status=status, created_at=now, updated_at=now
    )
    _fill(incident, record.data)
    session.add(incident)
    session.flush()
    _step(session, record, incident, status, now)
    return incident


def project_edit(session: Session, record: Any, now: datetime) -> Incident:
    """A draft's changed fields over its earlier ones (or the whole draft again, replacing them)."""
    incident = session.get(Incident, record.data["incident_id"])
    _fill(incident, record.data if record.data.get("replaces") else {**incident.report, **record.data})
    incident.updated_at = now
    return incident


def project_submitted(session: Session, record: Any, now: datetime) -> Incident:
    """A draft submitted, or a report submitted at once; from here the report never changes."""
    if record.data.get("incident_id") is None:
        return project_new(session, record, SUBMITTED_STATUS, now)
    incident = session.get(Incident, record.data["incident_id"])
    _fill(incident, record.data)
    _step(session, record, incident, SUBMITTED_STATUS, now)
    return incident


def project_step(session: Session, record: Any, status: str, now: datetime) -> Incident:
    """Reviewed or closed."""
    incident = session.get(Incident, record.data["incident_id"])
    _step(session, record, incident, status, now)
    return incident


def project_addendum(session: Session, record: Any, now: datetime) -> IncidentAddendum:
    row = IncidentAddendum(
        uid=record.uid,
        incident_id=record.data["incident_id"],
        author_id=record.actor_id,
        at=now,
        text=record.data["text"],
    )
    session.add(row)
    return row


def project_episode(session: Session, record: Any) -> Episode:
    """An episode started, with its first order."""
    data = record.data
    episode = Episode(
        uid=record.uid,
        incident_id=data["incident_id"],
        unit_id=record.unit_id,
        resident_id=record.resident_id,
        kind=data["kind"],
        started_at=record.occurred_at,
        started_by_id=record.actor_id,
        order_minutes=data["order_minutes"],
        order_expires_at=instant(data["order_expires_at"]),
    )
    session.add(episode)
    session.flush()
    session.add(
        EpisodeOrder(
            uid=record.uid,
            episode_id=episode.id,
            ordered_by=data["ordered_by"],
            ordered_at=instant(data["ordered_at"]),
            expires_at=episode.order_expires_at,
            renewal=False,
            entered_by_id=record.actor_id,
        )
    )
    return episode


def project_opened(session: Session, record: Any) -> Episode:
    """An episode opened from a report: from the report's time, no order yet, for a nurse to complete."""
    episode = Episode(
        uid=record.uid,
        incident_id=record.data["incident_id"],
        unit_id=record.unit_id,
        resident_id=record.resident_id,
        kind=record.data["kind"],
        started_at=record.occurred_at,
        started_by_id=record.actor_id,
        order_minutes=None,
        order_expires_at=None,
        opened_from_report=True,
    )
    session.add(episode)
    session.flush()
    return episode


def project_ordered(session: Session, record: Any) -> Episode:
    """The nurse's order of an episode opened from a report; the start is the one the nurse documents."""
    data = record.data
    episode = session.get(Episode, data["episode_id"])
    episode.started_at = instant(data["started_at"])
    episode.order_minutes, episode.order_expires_at = data["order_minutes"], instant(data["order_expires_at"])
    session.add(
        EpisodeOrder(
            uid=record.uid,
            episode_id=episode.id,
            ordered_by=data["ordered_by"],
            ordered_at=instant(data["ordered_at"]),
            expires_at=episode.order_expires_at,
            renewal=False,
            entered_by_id=record.actor_id,
        )
    )
    return episode


def project_link(session: Session, record: Any) -> Episode:
    session.add(
        EpisodeLink(uid=record.uid, episode_id=record.data["episode_id"], incident_id=record.data["incident_id"])
    )
    return session.get(Episode, record.data["episode_id"])


def episodes_of(session: Session, incident_id: int) -> list[Episode]:
    """The episodes an incident documents: its own and those it was linked to, oldest first."""
    linked = select(EpisodeLink.episode_id).where(EpisodeLink.incident_id == incident_id)
    return list(
        session.scalars(
            select(Episode).where((Episode.incident_id == incident_id) | Episode.id.in_(linked)).order_by(Episode.id)
        )
    )


def linked_incidents(session: Session, episode: Episode) -> list[int]:
    """The reports an episode belongs to: the one it was started from, then those linked to it."""
    later = session.scalars(
        select(EpisodeLink.incident_id).where(EpisodeLink.episode_id == episode.id).order_by(EpisodeLink.id)
    )
    return [episode.incident_id, *later]


def project_renewal(session: Session, record: Any) -> Episode:
    episode = session.get(Episode, record.data["episode_id"])
    expires = instant(record.data["expires_at"])
    session.add(
        EpisodeOrder(
            uid=record.uid,
            episode_id=episode.id,
            ordered_by=record.data["ordered_by"],
            ordered_at=instant(record.data["ordered_at"]),
            expires_at=expires,
            renewal=True,
            entered_by_id=record.actor_id,
        )
    )
    episode.order_expires_at = expires
    return episode


def project_check(session: Session, record: Any) -> Episode:
    episode = session.get(Episode, record.data["episode_id"])
    session.add(
        EpisodeCheck(
            uid=record.uid,
            episode_id=episode.id,
            at=record.occurred_at,
            by_id=record.actor_id,
            state=record.data.get("state"),
            checks=list(record.data.get("checks") or []),
            note=record.data.get("note"),
        )
    )
    if episode.last_monitored_at is None or record.occurred_at > episode.last_monitored_at:
        episode.last_monitored_at = record.occurred_at
    return episode


def project_face_to_face(session: Session, record: Any) -> Episode:
    episode = session.get(Episode, record.data["episode_id"])
    episode.face_to_face_at, episode.face_to_face_by_id = record.occurred_at, record.actor_id
    episode.face_to_face_findings = record.data["findings"]
    return episode


def project_end(session: Session, record: Any) -> Episode:
    episode = session.get(Episode, record.data["episode_id"])
    episode.ended_at, episode.ended_by_id, episode.end_note = (
        record.occurred_at,
        record.actor_id,
        record.data.get("note"),
    )
    return episode


def running_episodes(session: Session, incident_id: int) -> list[Episode]:
    return list(session.scalars(select(Episode).where(Episode.incident_id == incident_id, Episode.ended_at.is_(None))))
