"""What a user may see: unit scoping (404). Role checks are the permission table's (facility.permissions)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.census.models import Resident, Unit
from facility.errors import Invalid, NotFound


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
