"""Reading rounds state from the log: the checks in force (voided ones do not count)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from facility.census.models import Resident
from facility.records.models import Event
from facility.records.codes import VOIDED
from facility.rounds.codes import CHECK
from facility.rounds.due import RoundState
from facility.rounds.levels import ObservationLevel


def _voided():
    correction = aliased(Event)
    return select(correction.id).where(correction.corrects_uid == Event.uid, correction.kind == VOIDED).exists()


def last_checks(session: Session, resident_ids: list[int], before: datetime | None = None,
                since: datetime | None = None) -> dict[int, datetime]:
    """The occurred_at of each resident's latest check still in force (in [since, before) when given)."""
    if not resident_ids:
        return {}
    stmt = (
        select(Event.resident_id, func.max(Event.occurred_at))
        .where(Event.kind == CHECK, Event.resident_id.in_(resident_ids), ~_voided())
        .group_by(Event.resident_id)
    )
    if before is not None:
        stmt = stmt.where(Event.occurred_at < before)
    if since is not None:
        stmt = stmt.where(Event.occurred_at >= since)
    return dict(session.execute(stmt).all())


def checks_between(session: Session, resident_ids: list[int], start: datetime, end: datetime) -> list[tuple[int, datetime]]:
    """(resident_id, occurred_at) of every check in force in [start, end), oldest first."""
    if not resident_ids:
        return []
    stmt = (
        select(Event.resident_id, Event.occurred_at)
        .where(Event.kind == CHECK, Event.resident_id.in_(resident_ids), ~_voided(),
               Event.occurred_at >= start, Event.occurred_at < end)
        .order_by(Event.occurred_at)
    )
    return [(rid, at) for rid, at in session.execute(stmt).all()]


def round_states(session: Session, residents: list[Resident]) -> dict[int, RoundState]:
    """RoundState of each resident."""
    checks = last_checks(session, [r.id for r in residents])
    return {
        r.id: RoundState(ObservationLevel(r.observation_level), r.level_changed_at, checks.get(r.id), r.admitted_at)
        for r in residents
    }
