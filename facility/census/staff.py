"""The staff of a unit: who may be picked as an escort, a facilitator, someone involved, or an assignee."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import Role, User, user_units
from facility.census.scope import unit_for


def unit_staff(session: Session, actor: User, unit_id: int) -> list[User]:
    """The active staff of one of the caller's units (administrators aside), by name; 404 for another unit."""
    unit = unit_for(session, actor, unit_id)
    return list(
        session.scalars(
            select(User)
            .join(user_units, user_units.c.user_id == User.id)
            .where(user_units.c.unit_id == unit.id, User.active.is_(True), User.role != Role.ADMIN.value)
            .order_by(User.name)
        )
    )
