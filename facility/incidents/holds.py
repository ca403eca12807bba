"""A hold, restraint or seclusion named on a submitted report becomes an episode for a nurse to complete.

HBIPS counts episodes, not reports: a report that says "physical hold" and no episode would leave the hours at
zero unless a nurse thought to start one. So the submission itself opens the episode (an `episode.opened`
event, in the submission's transaction) and raises the nurses' task; the nurse enters the order, the
monitoring and the end. When a nurse had already documented that episode, the report is linked to it instead.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.incidents.codes import EPISODE_KINDS, EPISODE_LINKED, EPISODE_OPENED
from facility.incidents.models import Episode, EpisodeLink, Incident
from facility.records.log import NewEvent
from facility.records.models import Event
from facility.records.services import record

# Names the events a report opens or links (uuid5 of the report's uid, the resident and the kind), so a
# replayed or raced submission finds them stored and never opens a second episode.
FROM_REPORT = uuid.UUID("062c7a98-46eb-4873-9232-6c744af89a4d")
# A nurse's episode that started up to this long after the report's time (a hold follows the crisis), and had
# not ended before it, is the episode the report describes.
STARTED_WITHIN = timedelta(hours=1)


def holds_named(
    interventions: list[str] | tuple[str, ...], resident_ids: list[int], held_ids: list[int] | None = None
) -> list[tuple[int, str]]:
    """(resident, episode kind) for each hold, restraint or seclusion of a report and each resident held.

    A report about one resident held that resident; one about several says whom (`held_resident_ids`, which the
    form asks). When it does not, no episode is guessed: HBIPS lists the report as not determinable until a
    nurse starts the episode on it.
    """
    held = [rid for rid in held_ids or () if rid in resident_ids] or (resident_ids if len(resident_ids) == 1 else [])
    return [(rid, kind) for rid in held for kind in interventions if kind in EPISODE_KINDS]


def covering(session: Session, incident: Incident, resident_id: int, kind: str) -> Episode | None:
    """An episode of that resident and kind on the unit that was running at the report's time (or began soon after)."""
    at = incident.occurred_at
    return session.scalar(
        select(Episode)
        .where(
            Episode.unit_id == incident.unit_id,
            Episode.resident_id == resident_id,
            Episode.kind == kind,
            Episode.started_at <= at + STARTED_WITHIN,
            or_(Episode.ended_at.is_(None), Episode.ended_at >= at),
        )
        .order_by(Episode.started_at.desc())
        .limit(1)
    )


def _linked(session: Session, episode: Episode, incident: Incident) -> bool:
    return (
        episode.incident_id == incident.id
        or session.scalar(
            select(EpisodeLink.id).where(EpisodeLink.episode_id == episode.id, EpisodeLink.incident_id == incident.id)
        )
        is not None
    )


def open_from_report(session: Session, actor: User, incident: Incident, now: datetime) -> None:
    """After a submission: open each episode the report names, or link the one a nurse documented already."""
    report = incident.report
    for resident_id, kind in holds_named(
        report.get("interventions") or [], incident.resident_ids or [], report.get("held_resident_ids")
    ):
        uid = str(uuid.uuid5(FROM_REPORT, f"{incident.uid}:{resident_id}:{kind}"))
        if session.scalar(select(Event.id).where(Event.uid == uid)) is not None:
            continue
        body = {"incident_id": incident.id, "resident_id": resident_id, "kind": kind}
        found = covering(session, incident, resident_id, kind)
        if found is None:
            record(
                session,
                actor,
                NewEvent(
                    EPISODE_OPENED,
                    uid,
                    incident.unit_id,
                    resident_id,
                    incident.occurred_at,
                    {"incident_id": incident.id, "kind": kind},
                    body,
                ),
                now,
            )
        elif not _linked(session, found, incident):
            record(
                session,
                actor,
                NewEvent(
                    EPISODE_LINKED,
                    uid,
                    incident.unit_id,
                    resident_id,
                    now,
                    {"episode_id": found.id, "incident_id": incident.id},
                    body,
                ),
                now,
            )
