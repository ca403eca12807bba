"""The census's reactions: keep the resident row in step with the level changes in force."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.census.codes import ADMITTED, LEVEL_CHANGED
from facility.census.levels import ObservationLevel
from facility.census.models import Resident
from facility.records.log import corrections_of, effective_data
from facility.records.models import Event


def project_level(session: Session, record: Any, _now: datetime) -> list:
    """After a level change is voided or amended, the resident's level is the latest one still in force."""
    resident = session.get(Resident, record.resident_id)
    rows = list(
        session.scalars(
            select(Event)
            .where(
                Event.resident_id == resident.id,
                Event.kind.in_((ADMITTED, LEVEL_CHANGED)),
                Event.corrects_uid.is_(None),
            )
            .order_by(Event.occurred_at, Event.id)
        )
    )
    corrections = corrections_of(session, [row.uid for row in rows])
    for row in reversed(rows):
        data = effective_data(row, corrections.get(row.uid, []))
        if data is None:
            continue
        level = ObservationLevel(data["to"] if row.kind == LEVEL_CHANGED else data["observation_level"])
        resident.observation_level, resident.level_changed_at = level.value, row.occurred_at
        if not level.continuous:
            resident.assigned_staff_id = None
        elif row.kind == LEVEL_CHANGED:
            resident.assigned_staff_id = data.get("assigned_staff_id")
        break
    return []
