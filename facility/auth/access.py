"""Who may see and do what: role checks (403) and unit scoping (404)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask_login import current_user
from sqlalchemy.orm import Session

from facility.auth.models import Role, User
from facility.census.models import Resident, Unit
from facility.errors import Forbidden, Invalid, NotFound


def require_role(user: User, *roles: Role) -> None:
    """Forbidden unless user holds one of roles."""
    if not user.has_role(*roles):
        raise Forbidden(f"this needs the role {' or '.join(r.value for r in roles)}")


def roles_required(*roles: Role) -> Callable:
    """View decorator: 403 for any other role."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            require_role(current_user, *roles)
            return view(*args, **kwargs)

        return wrapper

    return decorate


def unit_for(session: Session, user: User, unit_id: int) -> Unit:
    """The unit if it is one of user's, else NotFound."""
    unit = session.get(Unit, unit_id)
    if unit is None or unit.id not in user.unit_ids:
        raise NotFound("no such unit")
    return unit


def resident_for(session: Session, user: User, resident_id: int, *, active: bool = False) -> Resident:
    """The resident if they live on one of user's units, else NotFound; `active` also refuses discharged ones."""
    resident = session.get(Resident, resident_id)
    if resident is None or resident.unit_id not in user.unit_ids:
        raise NotFound("no such resident")
    if active:
        ensure_active(resident)
    return resident


def ensure_active(resident: Resident) -> None:
    """Invalid for a discharged resident: nothing new is recorded about them."""
    if resident.discharged_at is not None:
        raise Invalid.field("resident_id", "resident has been discharged")
