"""Who rounds on whom this shift: a lead hands residents to workers, or a worker takes their own."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.census.models import Resident, Unit
from facility.census.scope import unit_for
from facility.census.staff import unit_staff
from facility.db import hold
from facility.errors import Conflict, Forbidden, Invalid
from facility.permissions import may, require
from facility.records.log import NewEvent
from facility.records.services import record
from facility.rounds.codes import ASSIGNED
from facility.rounds.models import RoundAssignment
from facility.timeutil import ShiftWindow, facility_zone, parse_hhmm, shift_containing


def current_shift(unit: Unit, now: datetime) -> ShiftWindow:
    """The unit's shift running at now, in the facility's zone."""
    zone = facility_zone()
    return shift_containing(now, [parse_hhmm(s) for s in unit.shift_starts], zone)


def assigned_at(session: Session, unit_ids: list[int], now: datetime) -> dict[int, User]:
    """resident id → the staff member they are assigned to in their unit's shift running at now."""
    units = list(session.scalars(select(Unit).where(Unit.id.in_(unit_ids))))
    if not units:
        return {}
    # Each unit has its own shift times: one statement asks for every unit's running shift at once.
    running = or_(
        *(
            and_(RoundAssignment.unit_id == unit.id, RoundAssignment.shift_start == current_shift(unit, now).start)
            for unit in units
        )
    )
    rows = session.execute(
        select(RoundAssignment.resident_id, User).join(User, User.id == RoundAssignment.user_id).where(running)
    )
    return {rid: user for rid, user in rows}


def _view(session: Session, unit: Unit, shift: ShiftWindow) -> dict[str, Any]:
    rows = session.execute(
        select(RoundAssignment.user_id, User.name, RoundAssignment.resident_id)
        .join(User, User.id == RoundAssignment.user_id)
        .where(RoundAssignment.unit_id == unit.id, RoundAssignment.shift_start == shift.start)
        .order_by(User.name, RoundAssignment.resident_id)
    )
    people: dict[int, dict[str, Any]] = {}
    for user_id, name, resident_id in rows:
        people.setdefault(user_id, {"user_id": user_id, "name": name, "resident_ids": []})["resident_ids"].append(
            resident_id
        )
    return {
        "unit_id": unit.id,
        "shift_start": shift.start,
        "shift_end": shift.end,
        "assignments": list(people.values()),
    }


def read(session: Session, actor: User, unit_id: int, now: datetime) -> dict[str, Any]:
    """The current shift's assignments of a unit (anyone on the unit)."""
    unit = unit_for(session, actor, unit_id)
    return _view(session, unit, current_shift(unit, now))


def _wanted(session: Session, actor: User, unit: Unit, entries: list[dict[str, Any]]) -> dict[int, int]:
    """resident id → user id as asked; Invalid naming `assignments` for anyone not of this unit."""
    staff = {u.id for u in unit_staff(session, actor, unit.id)}
    living = set(
        session.scalars(select(Resident.id).where(Resident.unit_id == unit.id, Resident.discharged_at.is_(None)))
    )
    wanted: dict[int, int] = {}
    for entry in entries:
        if entry["user_id"] not in staff:
            raise Invalid.field("assignments", f"user {entry['user_id']} is not on this unit's staff")
        for rid in entry["resident_ids"]:
            if rid not in living:
                raise Invalid.field("assignments", f"resident {rid} does not live on this unit")
            if rid in wanted:
                raise Invalid.field("assignments", f"resident {rid} is given to more than one person")
            wanted[rid] = entry["user_id"]
    return wanted


def replace(session: Session, actor: User, unit_id: int, cmd: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Set the current shift's assignments: a lead sets the whole unit; a worker takes or lets go of their own.

    Each change is also a `rounds.assigned` record, so who was given whom stays on the log.
    """
    require(actor, "rounds.assignments.set")
    unit = unit_for(session, actor, unit_id)
    hold(session, Unit, unit.id)  # two people taking residents at once: the second reads the first's
    shift = current_shift(unit, now)
    wanted = _wanted(session, actor, unit, cmd["assignments"])
    current = dict(
        session.execute(
            select(RoundAssignment.resident_id, RoundAssignment.user_id).where(
                RoundAssignment.unit_id == unit.id, RoundAssignment.shift_start == shift.start
            )
        ).all()
    )
    if may(actor, "rounds.assignments.assign_others"):
        final = wanted
    else:
        if any(entry["user_id"] != actor.id for entry in cmd["assignments"]):
            raise Forbidden("only a lead assigns residents to someone else")
        taken = sorted(rid for rid in wanted if current.get(rid) not in (None, actor.id))
        if taken:
            raise Conflict(
                f"already assigned to someone else this shift: resident {', '.join(map(str, taken))}; ask the lead"
            )
        final = {rid: uid for rid, uid in current.items() if uid != actor.id} | wanted
    if final != current:
        session.execute(
            delete(RoundAssignment).where(
                RoundAssignment.unit_id == unit.id, RoundAssignment.shift_start == shift.start
            )
        )
        session.add_all(
            RoundAssignment(
                unit_id=unit.id,
                shift_start=shift.start,
                resident_id=rid,
                user_id=uid,
                assigned_by_id=actor.id,
                assigned_at=now,
            )
            for rid, uid in final.items()
        )
        by_user: dict[int, list[int]] = {}
        for rid, uid in sorted(final.items()):
            by_user.setdefault(uid, []).append(rid)
        data = {
            "shift_start": shift.start.isoformat(),
            "assignments": [{"user_id": uid, "resident_ids": rids} for uid, rids in sorted(by_user.items())],
        }
        uid = str(uuid.uuid4())
        record(session, actor, NewEvent(ASSIGNED, uid, unit.id, None, now, data, {"uid": uid, **data}), now)
    return _view(session, unit, shift)
