"""Handlers the engine offers the kinds above it (gather the alerts, call a pure rule): the census declares
clear_on_discharge for its discharge kind."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.alerts.models import Alert
from facility.alerts.rules import cleared_by_discharge
from facility.outcomes import Resolve
from facility.records.models import Event


def clear_on_discharge(session: Session, event: Event, now: datetime) -> list[Resolve]:
    """resident.discharged: resolve every open alert about the resident."""
    conditions = session.scalars(
        select(Alert.condition)
        .where(Alert.resident_id == event.resident_id, Alert.resolved_at.is_(None))
        .order_by(Alert.id)
    )
    return cleared_by_discharge(list(conditions))
