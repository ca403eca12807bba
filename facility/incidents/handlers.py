"""Adapters between the store and the pure incident rules: keep projections, gather state, call the rule."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.census.models import Resident
from facility.incidents import projection
from facility.incidents.codes import CLOSED_STATUS, DRAFT, MANDATED_CATEGORIES, MANDATED_REPORT, REVIEWED_STATUS
from facility.incidents.models import Episode, Incident
from facility.incidents.rules import (
    Outcome,
    ReportableIncident,
    RunningEpisode,
    SubmittedIncident,
    ended_outcomes,
    episode_outcomes,
    incident_condition,
    mandated_condition,
    mandated_outcomes,
    opened_outcomes,
    started_outcomes,
    submitted_outcomes,
)
from facility.outcomes import Resolve
from facility.records.models import Event
from facility.timeutil import facility_zone

# Episodes running longer than this are documentation left open, not a restraint: the sweep leaves them to people.
SWEEP_HORIZON = timedelta(days=2)


def on_drafted(session: Session, record: Any, now: datetime) -> list[Outcome]:
    projection.project_new(session, record, DRAFT, now)
    return []


def on_draft_edited(session: Session, record: Any, now: datetime) -> list[Outcome]:
    projection.project_edit(session, record, now)
    return []


def on_submitted(session: Session, record: Any, now: datetime) -> list[Outcome]:
    """A submitted report alerts the unit's nurses at once."""
    incident = projection.project_submitted(session, record, now)
    report = incident.report
    residents = {r.id: r for r in session.scalars(select(Resident).where(Resident.id.in_(incident.resident_ids)))}
    names = tuple(residents[i].display_name for i in incident.resident_ids if i in residents)
    return submitted_outcomes(
        SubmittedIncident(
            incident.id,
            record.uid,
            incident.unit_id,
            tuple(incident.resident_ids),
            names,
            incident.category,
            incident.severity,
            tuple(report.get("interventions") or ()),
            bool(report.get("injuries")),
        )
    )


def on_reviewed(session: Session, record: Any, now: datetime) -> list[Outcome]:
    """A reviewed report no longer waits for a nurse."""
    incident = projection.project_step(session, record, REVIEWED_STATUS, now)
    return [Resolve(incident_condition(incident.id), "incident reviewed")]


def on_closed(session: Session, record: Any, now: datetime) -> list[Outcome]:
    incident = projection.project_step(session, record, CLOSED_STATUS, now)
    return [Resolve(incident_condition(incident.id), "incident closed")]


def on_addendum(session: Session, record: Any, now: datetime) -> list[Outcome]:
    projection.project_addendum(session, record, now)
    return []


def running(session: Session, episode: Episode) -> RunningEpisode:
    """An episode as the rules see it."""
    resident = session.get(Resident, episode.resident_id)
    return RunningEpisode(
        episode.id,
        episode.uid,
        episode.unit_id,
        episode.resident_id,
        resident.display_name,
        episode.kind,
        episode.started_at,
        episode.order_expires_at,
        episode.last_monitored_at,
        episode.face_to_face_at,
    )


def on_episode_started(session: Session, record: Any, now: datetime) -> list[Outcome]:
    """restraint_started at once, and whatever the clocks already call for (an episode documented late)."""
    episode = running(session, projection.project_episode(session, record))
    tz = facility_zone()
    return started_outcomes(episode, tz) + episode_outcomes(episode, now, tz)


def on_episode_opened(session: Session, record: Any, now: datetime) -> list[Outcome]:
    """The nurses' task at once (restraint_started: to complete), and what the clocks already call for."""
    episode = running(session, projection.project_opened(session, record))
    tz = facility_zone()
    return opened_outcomes(episode, record.data["incident_id"], tz) + episode_outcomes(episode, now, tz)


def on_ordered(session: Session, record: Any, now: datetime) -> list[Outcome]:
    """The order entered: its clocks run from now on (from the start the nurse documented)."""
    return _clocks_again(session, projection.project_ordered(session, record), now)


def on_linked(session: Session, record: Any, now: datetime) -> list[Outcome]:
    projection.project_link(session, record)
    return []


def _clocks_again(session: Session, episode: Episode, now: datetime) -> list[Outcome]:
    if episode.ended_at is not None:
        return ended_outcomes(episode.id)
    return episode_outcomes(running(session, episode), now, facility_zone())


def on_monitored(session: Session, record: Any, now: datetime) -> list[Outcome]:
    """A check restarts the 15-minute clock (a check entered late may leave it overdue still)."""
    return _clocks_again(session, projection.project_check(session, record), now)


def on_face_to_face(session: Session, record: Any, now: datetime) -> list[Outcome]:
    return _clocks_again(session, projection.project_face_to_face(session, record), now)


def on_renewed(session: Session, record: Any, now: datetime) -> list[Outcome]:
    return _clocks_again(session, projection.project_renewal(session, record), now)


def on_ended(session: Session, record: Any, now: datetime) -> list[Outcome]:
    """An ended episode resolves every alert of its clocks."""
    return ended_outcomes(projection.project_end(session, record).id)


def on_mandated_report(session: Session, record: Any, now: datetime) -> list[Outcome]:
    """A mandated report is filed: the incident's `mandated_report_due` is answered."""
    return [Resolve(mandated_condition(record.data["incident_id"]), "mandated report filed")]


# How far back the mandated-report clock looks: long past the legal deadline, so an unreported incident stays red.
MANDATED_HORIZON = timedelta(days=60)


def sweep_mandated_reports(session: Session, now: datetime) -> list[Outcome]:
    """`mandated_report_due` for each incident of suspected abuse or neglect without a mandated report within
    MANDATED_REPORT_HOURS (default 24) of it."""
    within = timedelta(hours=current_app.config["MANDATED_REPORT_HOURS"])
    rows = list(
        session.scalars(
            select(Incident).where(
                Incident.category.in_(MANDATED_CATEGORIES),
                Incident.status != DRAFT,
                Incident.occurred_at <= now - within,
                Incident.occurred_at > now - MANDATED_HORIZON,
            )
        )
    )
    if not rows:
        return []
    reported = reported_incidents(session, [i.id for i in rows], {i.unit_id for i in rows})
    incidents = [
        ReportableIncident(
            i.id, i.unit_id, i.resident_ids[0] if len(i.resident_ids or []) == 1 else None, i.category, i.occurred_at
        )
        for i in rows
    ]
    return list(mandated_outcomes(incidents, reported, now, within, facility_zone()))


def reported_incidents(session: Session, incident_ids: list[int], unit_ids: set[int]) -> set[int]:
    """Which of the incidents have a mandated report filed."""
    filed = session.scalars(
        select(Event.data["incident_id"].as_integer()).where(Event.kind == MANDATED_REPORT, Event.unit_id.in_(unit_ids))
    )
    return set(filed) & set(incident_ids)


def sweep_episodes(session: Session, now: datetime) -> list[Outcome]:
    """The clocks of every running episode: monitoring, face-to-face, order expiry."""
    rows = session.scalars(select(Episode).where(Episode.ended_at.is_(None), Episode.started_at > now - SWEEP_HORIZON))
    tz = facility_zone()
    return [o for episode in rows for o in episode_outcomes(running(session, episode), now, tz)]


def incident_of(session: Session, uid: str) -> Incident | None:
    return session.scalar(select(Incident).where(Incident.uid == str(uid)))
