"""Therapy sessions on a resident's timeline: that one took place, with whom, never its content."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.services import staff_names
from facility.clinical.codes import SESSION
from facility.clinical.models import SessionResident, TherapySession
from facility.domain import TimelineEntry


def sessions_on_timeline(session: Session, resident: Any, start: datetime, end: datetime) -> list[TimelineEntry]:
    """The resident's sessions that started in [start, end): 'individual session with Cleo Clarke, 45 min'."""
    rows = list(
        session.scalars(
            select(TherapySession)
            .join(SessionResident, SessionResident.session_id == TherapySession.id)
            .where(
                SessionResident.resident_id == resident.id,
                TherapySession.started_at >= start,
                TherapySession.started_at < end,
            )
        )
    )
    names = staff_names(session, {r.author_id for r in rows})
    return [
        TimelineEntry(
            r.started_at,
            f"{r.kind} session with {names.get(r.author_id, 'a clinician')}, "
            f"{int((r.ended_at - r.started_at).total_seconds() // 60)} min",
            r.author_id,
            SESSION,
        )
        for r in rows
    ]
