"""Census use cases: admission, transfer, discharge, observation levels."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.census.codes import ADMITTED, DISCHARGED, LEVEL_CHANGED, TRANSFERRED
from facility.census.levels import ObservationLevel
from facility.census.models import Resident, Unit
from facility.census.scope import resident_for, unit_for
from facility.census.writes import record_about_resident
from facility.domain import registry
from facility.errors import Invalid
from facility.permissions import require
from facility.records.audit import record_access
from facility.records.log import NewEvent, find_replay
from facility.records.models import Event
from facility.records.services import record
from facility.timeutil import ensure_aware


def list_units(session: Session, actor: User) -> list[Unit]:
    """The caller's units."""
    return list(session.scalars(select(Unit).where(Unit.id.in_(actor.unit_ids)).order_by(Unit.name)))


def list_residents(
    session: Session, actor: User, unit_id: int | None, include_discharged: bool = False
) -> list[Resident]:
    """Residents of one of the caller's units (or all of them), by room."""
    unit_ids = [unit_for(session, actor, unit_id).id] if unit_id is not None else actor.unit_ids
    stmt = select(Resident).where(Resident.unit_id.in_(unit_ids))
    if not include_discharged:
        stmt = stmt.where(Resident.discharged_at.is_(None))
    residents = list(session.scalars(stmt.order_by(Resident.unit_id, Resident.room)))
    record_access(session, actor.id, "read:residents", target=f"units:{','.join(map(str, unit_ids))}")
    return residents


class ResidentDetail:
    """A resident with what each domain adds to the detail (orders, goals …); anything else is the resident's."""

    def __init__(self, resident: Resident, added: dict[str, Any]) -> None:
        self._resident = resident
        self.__dict__.update(added)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._resident, name)


def resident_detail(session: Session, actor: User, resident_id: int) -> ResidentDetail:
    """One resident with the full identity and what the domains add; the read is audited."""
    resident = resident_for(session, actor, resident_id)
    record_access(session, actor.id, "read:resident", target=f"resident:{resident.id}", resident_id=resident.id)
    added = {key: read(session, resident) for key, read in registry().resident_details.items()}
    return ResidentDetail(resident, added)


def _check_assignee(session: Session, unit_id: int, level: ObservationLevel, staff_id: int | None) -> None:
    if staff_id is None:
        if level.continuous:
            raise Invalid.field("assigned_staff_id", f"{level.value} needs an assigned staff member")
        return
    staff = session.get(User, staff_id)
    if staff is None or unit_id not in staff.unit_ids:
        raise Invalid.field("assigned_staff_id", "no such staff member on this unit")


def admit(session: Session, actor: User, cmd: dict[str, Any], now: datetime) -> tuple[Resident, bool]:
    """Admit a resident to one of the caller's units: a resident row and a resident.admitted event."""
    require(actor, "residents.admit")
    cmd = {**cmd, "uid": str(cmd.get("uid") or uuid.uuid4())}
    unit = unit_for(session, actor, cmd["unit_id"])
    if (prior := find_replay(session, cmd["uid"], cmd, ADMITTED)) is not None:
        return session.get(Resident, prior.resident_id), False
    level = ObservationLevel(cmd["observation_level"])
    _check_assignee(session, unit.id, level, cmd.get("assigned_staff_id"))
    admitted_at = ensure_aware(cmd["admitted_at"])
    fields = {
        k: cmd[k]
        for k in (
            "first_name",
            "last_name",
            "preferred_name",
            "date_of_birth",
            "record_number",
            "room",
            "allergies",
            "precautions",
            "assigned_staff_id",
        )
    }
    resident = Resident(
        unit_id=unit.id, admitted_at=admitted_at, observation_level=level.value, level_changed_at=admitted_at, **fields
    )
    session.add(resident)
    session.flush()
    data = {"room": resident.room, "observation_level": level.value, "precautions": resident.precautions}
    record(session, actor, NewEvent(ADMITTED, cmd["uid"], unit.id, resident.id, admitted_at, data, cmd), now)
    return resident, True


def discharge(
    session: Session, actor: User, resident_id: int, cmd: dict[str, Any], now: datetime
) -> tuple[Event, bool]:
    """Discharge a resident; their record stays, they leave the board."""

    def data_for(resident: Resident) -> dict[str, Any]:
        resident.discharged_at = ensure_aware(cmd["occurred_at"])
        return {"note": cmd.get("note")}

    body = {"resident_id": resident_id, **cmd}
    return record_about_resident(session, actor, body, DISCHARGED, "residents.discharge", data_for, now)


def transfer(session: Session, actor: User, resident_id: int, cmd: dict[str, Any], now: datetime) -> tuple[Event, bool]:
    """Move a resident to another of the caller's units."""

    def data_for(resident: Resident) -> dict[str, Any]:
        target = unit_for(session, actor, cmd["unit_id"])
        data = {"from_unit_id": resident.unit_id, "to_unit_id": target.id, "from_room": resident.room}
        resident.unit_id, resident.room = target.id, cmd["room"]  # the record is filed on the unit they go to
        return {**data, "room": cmd["room"]}

    body = {"resident_id": resident_id, **cmd}
    return record_about_resident(session, actor, body, TRANSFERRED, "residents.transfer", data_for, now)


def change_level(
    session: Session, actor: User, resident_id: int, cmd: dict[str, Any], now: datetime
) -> tuple[Event, bool]:
    """Set a resident's observation level (nurse or lead, with a reason)."""

    def data_for(resident: Resident) -> dict[str, Any]:
        level = ObservationLevel(cmd["level"])
        _check_assignee(session, resident.unit_id, level, cmd.get("assigned_staff_id"))
        data = {
            "from": resident.observation_level,
            "to": level.value,
            "reason": cmd["reason"],
            "assigned_staff_id": cmd.get("assigned_staff_id"),
        }
        resident.observation_level = level.value
        resident.level_changed_at = ensure_aware(cmd["occurred_at"])
        resident.assigned_staff_id = cmd.get("assigned_staff_id") if level.continuous else None
        return data

    body = {"resident_id": resident_id, **cmd}
    return record_about_resident(session, actor, body, LEVEL_CHANGED, "residents.observation_level.set", data_for, now)
