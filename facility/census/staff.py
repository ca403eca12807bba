"""Staff and their units: new accounts on named units, and a unit's staff (who may be picked as an escort, a
facilitator, someone involved, or an assignee)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import Role, User, user_units
from facility.auth.services import hash_password
from facility.census.models import Unit
from facility.census.scope import unit_for
from facility.permissions import roles_for


def unit_staff(session: Session, actor: User, unit_id: int) -> list[User]:
    """The active staff of one of the caller's units who work its floor (the permission table's `floor.staff`), by
    name; 404 for another unit."""
    unit = unit_for(session, actor, unit_id)
    floor = [role.value for role in roles_for("floor.staff")]
    return list(
        session.scalars(
            select(User)
            .join(user_units, user_units.c.user_id == User.id)
            .where(user_units.c.unit_id == unit.id, User.active.is_(True), User.role.in_(floor))
            .order_by(User.name)
        )
    )


def create_user(session: Session, username: str, name: str, role: Role, password: str, unit_names: list[str]) -> User:
    """A new staff account assigned to the named units."""
    units = list(session.scalars(select(Unit).where(Unit.name.in_(unit_names)))) if unit_names else []
    missing = set(unit_names) - {u.name for u in units}
    if missing:
        raise ValueError(f"no such unit: {', '.join(sorted(missing))}")
    user = User(username=username, name=name, role=Role(role).value, password_hash=hash_password(password), units=units)
    session.add(user)
    session.flush()
    return user
