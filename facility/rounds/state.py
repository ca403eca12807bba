"""Reading rounds state from the log: the last effective check of each resident."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from facility.census.models import Resident
from facility.records.models import Event
from facility.records.services import VOIDED
from facility.rounds.due import RoundState
from facility.rounds.levels import ObservationLevel

CHECK = "rounds.check"


def _voided():
    correction = aliased(Event)
    return select(correction.id).where(correction.corrects_uid == Event.uid, correction.kind == VOIDED).exists()


def last_checks(session: Session, resident_ids: list[int]) -> dict[int, datetime]:
    """The occurred_at of each resident's latest check still in force (voided ones do not count)."""
    if not resident_ids:
        return {}
    stmt = (
        select(Event.resident_id, func.max(Event.occurred_at))
        .where(Event.kind == CHECK, Event.resident_id.in_(resident_ids), ~_voided())
        .group_by(Event.resident_id)
    )
    return dict(session.execute(stmt).all())


def round_states(session: Session, residents: list[Resident]) -> dict[int, RoundState]:
    """RoundState of each resident."""
    checks = last_checks(session, [r.id for r in residents])
    return {
        r.id: RoundState(
            ObservationLevel(r.observation_level),
            r.level_changed_at,
            checks.get(r.id),
        )
        for r in residents
    }
