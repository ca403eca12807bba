"""Care use cases that take residents off the unit or bring several together: outings and groups."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.care.codes import ATTENDED, GROUP, RETURNED, SIGNED_OUT
from facility.care.models import Outing
from facility.census.models import Resident, Unit
from facility.census.scope import resident_for, unit_for
from facility.census.writes import record_about_resident, write
from facility.db import hold
from facility.domain import registry
from facility.errors import Conflict, Invalid, NotFound
from facility.records.audit import record_access
from facility.records.log import NewEvent
from facility.records.models import Event
from facility.records.services import record
from facility.timeutil import facility_zone, local_day

OUTING_FIELDS = ("destination", "escort_id", "vehicle", "expected_return_at")


def _staff_of_unit(session: Session, user_id: int | None, unit_id: int, field: str) -> None:
    """Invalid naming field unless user_id is an active staff member of the unit."""
    if user_id is None:
        return
    user = session.get(User, user_id)
    if user is None or not user.active or unit_id not in user.unit_ids:
        raise Invalid.field(field, "not a staff member of this unit")


def outing_view(session: Session, outing: Outing, now: datetime | None = None) -> dict[str, Any]:
    """An outing with the resident's display name, the escort's name and whether the return is overdue."""
    resident = session.get(Resident, outing.resident_id)
    escort = session.get(User, outing.escort_id) if outing.escort_id else None
    overdue = now is not None and outing.returned_at is None and now > outing.expected_return_at
    return {
        "id": outing.id,
        "uid": outing.uid,
        "resident_id": outing.resident_id,
        "display_name": resident.display_name,
        "unit_id": outing.unit_id,
        "occurred_at": outing.started_at,
        "destination": outing.destination,
        "escort_id": outing.escort_id,
        "escort": escort.name if escort else None,
        "vehicle": outing.vehicle,
        "expected_return_at": outing.expected_return_at,
        "returned_at": outing.returned_at,
        "overdue": overdue,
    }


def _outing_of(session: Session, uid: str) -> Outing:
    return session.scalar(select(Outing).where(Outing.uid == str(uid)))


def _for_the_day(session: Session, resident: Resident, cmd: dict[str, Any]) -> Any:
    """The appointment the outing is for: one the resident has on the day of the sign-out (as the domain that keeps
    appointments says through the registry); Invalid naming appointment_uid otherwise."""
    wanted = str(cmd["appointment_uid"])
    day = registry().day(session, [resident.id], *local_day(cmd["occurred_at"], facility_zone()))
    if not any(item.uid == wanted for item in day):
        raise Invalid.field("appointment_uid", "not an appointment of this resident on the day of the sign-out")
    return wanted


def sign_out(session: Session, actor: User, cmd: dict[str, Any], now: datetime) -> tuple[Outing, bool]:
    """Sign a resident out (destination, escort, vehicle, expected return): the board shows them off the unit."""

    def data_for(resident: Resident) -> dict[str, Any]:
        _staff_of_unit(session, cmd.get("escort_id"), resident.unit_id, "escort_id")
        hold(session, Resident, resident.id)  # signed out twice at once: the second sees the first
        out = session.scalar(
            select(Outing).where(
                Outing.resident_id == resident.id, Outing.returned_at.is_(None), Outing.voided.is_(False)
            )
        )
        if out is not None:
            raise Conflict(
                f"{resident.display_name} is signed out already (to {out.destination} since "
                f"{out.started_at.astimezone(facility_zone()):%H:%M}); sign them in first"
            )
        data = {name: cmd.get(name) for name in OUTING_FIELDS}
        if cmd.get("appointment_uid") is not None:
            data["appointment_uid"] = str(_for_the_day(session, resident, cmd))
        return data

    event, is_new = record_about_resident(session, actor, cmd, SIGNED_OUT, "care.outing.sign", data_for, now)
    return _outing_of(session, event.uid), is_new


def sign_in(session: Session, actor: User, cmd: dict[str, Any], now: datetime) -> tuple[Outing, bool]:
    """The resident is back: an `outing.returned` event ends the outing and clears return_overdue."""
    outing = None

    def whose() -> Resident:
        nonlocal outing
        if cmd.get("outing_id") is not None:
            outing = session.get(Outing, cmd["outing_id"])
        else:
            outing = _outing_of(session, cmd["outing_uid"])
        if outing is not None:
            session.refresh(outing, with_for_update=True)  # signed in twice at once: the second sees the first
        try:
            if outing is None or outing.voided:
                raise NotFound("no such outing")
            return resident_for(session, actor, outing.resident_id)
        except NotFound:
            # an outing of another unit answers as one that does not exist: the answer tells no one which ids are used
            raise NotFound("no such outing") from None

    def data_for(resident: Resident) -> dict[str, Any]:
        if outing.returned_at is not None:
            back = outing.returned_at.astimezone(facility_zone())
            raise Conflict(f"{resident.display_name} was signed in already at {back:%H:%M}")
        if cmd["occurred_at"] < outing.started_at:
            raise Invalid.field("occurred_at", "is before the sign-out")
        return {"outing_uid": outing.uid}

    _event, is_new = write(
        session,
        actor,
        action="care.outing.sign",
        kind=RETURNED,
        uid=cmd["uid"],
        body=cmd,
        whose=whose,
        data_for=data_for,
        occurred_at=cmd["occurred_at"],
        now=now,
    )
    return outing, is_new


def outings_in_progress(session: Session, actor: User, unit_id: int, now: datetime) -> list[dict[str, Any]]:
    """Who of a unit is signed out now, soonest due back first."""
    unit = unit_for(session, actor, unit_id)
    rows = session.scalars(
        select(Outing)
        .where(Outing.unit_id == unit.id, Outing.returned_at.is_(None), Outing.voided.is_(False))
        .order_by(Outing.expected_return_at)
    )
    record_access(session, actor.id, "read:outings", target=f"unit:{unit.id}")
    return [outing_view(session, o, now) for o in rows]


def attendance_uid(group_uid: Any, resident_id: int) -> str:
    """The uid of one attendee's record of a group: derived, so a replayed group makes no new ones."""
    return str(uuid.uuid5(uuid.UUID(str(group_uid)), str(resident_id)))


def _attendees(session: Session, unit_id: int, attendees: list[dict[str, Any]]) -> list[Resident]:
    ids = [a["resident_id"] for a in attendees]
    found = {r.id: r for r in session.scalars(select(Resident).where(Resident.id.in_(ids)))}
    absent = [i for i in ids if i not in found or found[i].unit_id != unit_id or not found[i].active]
    if absent:
        raise Invalid.field("attendees", f"not a resident of this unit: {', '.join(map(str, absent))}")
    return [found[i] for i in ids]


def record_group(session: Session, actor: User, cmd: dict[str, Any], now: datetime) -> tuple[Event, bool]:
    """A group session with its attendees: a `group.held` event and a `group.attended` in each one's record."""
    residents: list[Resident] = []

    def data_for(unit: Unit) -> dict[str, Any]:
        residents.extend(_attendees(session, unit.id, cmd["attendees"]))
        facilitator = cmd.get("facilitator_id") or actor.id
        _staff_of_unit(session, facilitator, unit.id, "facilitator_id")
        return {
            "topic": cmd["topic"],
            "duration_min": cmd["duration_min"],
            "facilitator_id": facilitator,
            "attendees": cmd["attendees"],
        }

    event, is_new = write(
        session,
        actor,
        action="care.group.record",
        kind=GROUP,
        uid=cmd["uid"],
        body=cmd,
        whose=lambda: unit_for(session, actor, cmd["unit_id"]),
        data_for=data_for,
        occurred_at=cmd["occurred_at"],
        now=now,
    )
    if is_new:  # each attendee's own record of the group, stored with it
        for resident, attendee in zip(residents, cmd["attendees"]):
            uid = attendance_uid(cmd["uid"], resident.id)
            attended = {
                "group_uid": cmd["uid"],
                "topic": cmd["topic"],
                "duration_min": cmd["duration_min"],
                "participation": attendee["participation"],
            }
            record(
                session,
                actor,
                NewEvent(
                    ATTENDED,
                    uid,
                    event.unit_id,
                    resident.id,
                    cmd["occurred_at"],
                    attended,
                    {"group_uid": cmd["uid"], "resident_id": resident.id},
                ),
                now,
            )
    return event, is_new
