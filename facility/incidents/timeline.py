"""Incidents on a resident's timeline: a report names several residents, so its events are not filed under one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.domain import TimelineEntry
from facility.incidents import describe
from facility.incidents.codes import DRAFT, SUBMITTED
from facility.incidents.models import Incident


def entries(session: Session, resident: Any, start: datetime, end: datetime) -> list[TimelineEntry]:
    """Each report (not a draft) that happened in [start, end) and names the resident, with where it stands."""
    found = session.scalars(
        select(Incident)
        .where(
            Incident.unit_id == resident.unit_id,
            Incident.status != DRAFT,
            Incident.occurred_at >= start,
            Incident.occurred_at < end,
        )
        .order_by(Incident.occurred_at)
    )
    return [
        TimelineEntry(
            incident.occurred_at,
            f"{describe.submitted(incident.report)} · {incident.status}",
            incident.author_id,
            SUBMITTED,
        )
        for incident in found
        if resident.id in (incident.resident_ids or [])
    ]
