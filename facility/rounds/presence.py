"""Proof of presence: the unit's room and wristband codes, rotating a lost one, and the scan policy of a check."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.census.models import Resident, Unit
from facility.census.scope import unit_for
from facility.errors import Gone, Invalid, NotFound
from facility.permissions import require
from facility.records.audit import record_access
from facility.rounds.codes import ASLEEP, SELF_HARM, UNABLE_TO_LOCATE
from facility.rounds.models import ROOM, WRISTBAND, PresenceCode
from facility.timeutil import ensure_aware

SCANNED = "scanned"
TAPPED = "tapped"
REPLACED = "this code was replaced by a new label: scan the new one, or ask for a new label"


def new_token() -> str:
    """An opaque token: random, so it says nothing of the room or the person."""
    return secrets.token_urlsafe(12)


def active_residents(session: Session, unit_id: int) -> list[Resident]:
    """The unit's residents today, by room."""
    return list(
        session.scalars(
            select(Resident)
            .where(Resident.unit_id == unit_id, Resident.discharged_at.is_(None))
            .order_by(Resident.room, Resident.id)
        )
    )


def _codes_in_force(session: Session, unit_id: int) -> list[PresenceCode]:
    return list(
        session.scalars(select(PresenceCode).where(PresenceCode.unit_id == unit_id, PresenceCode.replaced_at.is_(None)))
    )


def make_codes(session: Session, unit_id: int, now: datetime) -> None:
    """Give every occupied room of the unit and every resident on it a code in force, where one is missing."""
    codes = _codes_in_force(session, unit_id)
    rooms = {c.room for c in codes if c.kind == ROOM}
    bands = {c.resident_id for c in codes if c.kind == WRISTBAND}
    for resident in active_residents(session, unit_id):
        if resident.room not in rooms:
            rooms.add(resident.room)
            session.add(PresenceCode(token=new_token(), unit_id=unit_id, kind=ROOM, room=resident.room, created_at=now))
        if resident.id not in bands:
            bands.add(resident.id)
            session.add(
                PresenceCode(
                    token=new_token(),
                    unit_id=unit_id,
                    kind=WRISTBAND,
                    room=resident.room,
                    resident_id=resident.id,
                    created_at=now,
                )
            )
    session.flush()


def codes_on_arrival(session: Session, event: Any, now: datetime) -> list:
    """resident.admitted or resident.transferred: the unit the resident arrives on has their room's and band's codes."""
    make_codes(session, event.unit_id, now)
    return []


def unit_codes(session: Session, actor: User, unit_id: int) -> list[PresenceCode]:
    """Every occupied room's code and every resident's wristband code, as made on arrival (admin, lead)."""
    require(actor, "rounds.presence_codes.read")
    unit = unit_for(session, actor, unit_id)
    residents = active_residents(session, unit.id)
    codes = _codes_in_force(session, unit.id)
    rooms = {c.room: c for c in codes if c.kind == ROOM}
    bands = {c.resident_id: c for c in codes if c.kind == WRISTBAND}
    record_access(session, actor.id, "read:presence_codes", target=f"unit:{unit.id}")
    listed = [rooms[room] for room in sorted({r.room for r in residents}) if room in rooms]
    listed += [bands[r.id] for r in residents if r.id in bands]
    return listed


def _code(session: Session, token: str) -> PresenceCode | None:
    return session.scalar(select(PresenceCode).where(PresenceCode.token == token))


def rotate(session: Session, actor: User, token: str, now: datetime) -> PresenceCode:
    """Replace a lost or damaged label: a new token for the same room or wristband; the old one refuses (admin)."""
    require(actor, "rounds.presence_codes.rotate")
    old = _code(session, token)
    if old is None or old.unit_id not in actor.unit_ids:
        raise NotFound("no such presence code")
    if not old.in_force:
        raise Gone("this code was already replaced")
    new = PresenceCode(
        token=new_token(),
        unit_id=old.unit_id,
        kind=old.kind,
        room=old.room,
        resident_id=old.resident_id,
        created_at=now,
    )
    session.add(new)
    session.flush()
    old.replaced_at, old.replaced_by_id = now, new.id
    record_access(
        session,
        actor.id,
        "admin.presence_code_rotated",
        target=f"unit:{old.unit_id}",
        kind=old.kind,
        room=old.room,
        code_id=old.id,
        new_code_id=new.id,
    )
    return new


def residents_of(session: Session, code: PresenceCode) -> list[Resident]:
    """Who a code stands for now: the wristband's wearer, or everyone living in the room."""
    whose = Resident.id == code.resident_id if code.kind == WRISTBAND else Resident.room == code.room
    return list(
        session.scalars(
            select(Resident)
            .where(Resident.unit_id == code.unit_id, Resident.discharged_at.is_(None), whose)
            .order_by(Resident.room, Resident.id)
        )
    )


def look_up(session: Session, actor: User, token: str) -> dict[str, Any]:
    """What a scanned code opens on the tablet: its kind, room and residents (404 unknown, 410 replaced)."""
    code = _code(session, token)
    if code is None or code.unit_id not in actor.unit_ids:
        raise NotFound("this code is not one of your unit's codes")
    if not code.in_force:
        raise Gone(REPLACED)
    residents = residents_of(session, code)
    record_access(session, actor.id, "read:presence_code", target=f"unit:{code.unit_id}")
    return {"token": code.token, "kind": code.kind, "room": code.room, "unit_id": code.unit_id, "residents": residents}


def scan_required(unit: Unit, level: str) -> bool:
    """Whether the unit's policy asks for a scan to document a check at this level."""
    return level in (unit.scan_required_levels or [])


@dataclass(frozen=True)
class ScannedCode:
    """What the policy needs to know of a scanned code: its kind, whether it still holds, whom it stands for."""

    code_id: int
    kind: str
    unit_id: int
    in_force: bool
    resident_ids: frozenset[int]


def is_emergency(location: str | None, state: str | None, breathing_observed: bool | None) -> bool:
    """Outcomes that raise a critical alert: a missing resident cannot be scanned, and nothing may hold them up."""
    return location == UNABLE_TO_LOCATE or state == SELF_HARM or (state == ASLEEP and breathing_observed is False)


@dataclass(frozen=True)
class ScanTiming:
    """When a scan shows the worker was there: the code read within `window` of the check's time (either side),
    and not further than `ahead` past the server's clock (a tablet's clock a little fast). A printed code never
    changes, so a scan of any other moment proves nothing of this check."""

    window: timedelta = timedelta(seconds=120)
    ahead: timedelta = timedelta(minutes=2)

    def at_check(self, scanned_at: datetime, occurred_at: datetime) -> bool:
        """Whether a code read at scanned_at was read at the check made at occurred_at."""
        return abs(ensure_aware(scanned_at) - ensure_aware(occurred_at)) <= self.window


def scan_timing() -> ScanTiming:
    """The app's ScanTiming: SCAN_WINDOW_SECONDS, and FUTURE_TOLERANCE_MINUTES as the clock-skew allowance."""
    config = current_app.config
    return ScanTiming(
        timedelta(seconds=config["SCAN_WINDOW_SECONDS"]), timedelta(minutes=config["FUTURE_TOLERANCE_MINUTES"])
    )


def validated(stored: dict[str, Any] | None, occurred_at: datetime, timing: ScanTiming) -> bool:
    """Whether a stored check's presence counts as validated: a scan read at the check. A scan kept with no
    readable time, or one read outside the window (stored before the window was enforced, or under a wider
    one), does not count."""
    stored = stored or {}
    if stored.get("method") != SCANNED or not isinstance(stored.get("scanned_at"), str):
        return False
    try:
        return timing.at_check(datetime.fromisoformat(stored["scanned_at"]), occurred_at)
    except ValueError:  # unreadable, or without an offset
        return False


def _span(window: timedelta) -> str:
    seconds = int(window.total_seconds())
    if seconds and seconds % 60 == 0:
        return f"{seconds // 60} minute{'s' if seconds != 60 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def judge(
    presence: dict[str, Any] | None,
    code: ScannedCode | None,
    resident_id: int,
    unit_id: int,
    required: bool,
    occurred_at: datetime,
    now: datetime | None = None,
    timing: ScanTiming = ScanTiming(),
) -> dict[str, Any]:
    """The scan policy, pure: how the check's presence is recorded, or Invalid naming `presence`.

    A scan must be of a code in force of the resident's own room or wristband (`code` is None when the token
    is unknown), read at the check: `scanned_at` (the check's time when not given) within the timing's window
    of `occurred_at`, and not ahead of `now` beyond its allowance. Without one, a level the unit requires scans
    for needs a reason (camera broken, asleep behind a closed door …), which is kept and counted; the caller
    does not require it for an emergency.
    """
    presence = presence or {"method": TAPPED}
    if presence.get("method") == SCANNED:
        if code is None or code.unit_id != unit_id:
            raise Invalid.field("presence", "this code is not one of this unit's codes")
        if not code.in_force:
            raise Invalid.field("presence", REPLACED)
        if resident_id not in code.resident_ids:
            raise Invalid.field("presence", "this code is not this resident's room or wristband")
        scanned_at = ensure_aware(presence.get("scanned_at") or occurred_at)
        if now is not None and scanned_at > now + timing.ahead:
            raise Invalid.field(
                "presence", f"scanned_at is more than {_span(timing.ahead)} in the future: check the tablet's clock"
            )
        if not timing.at_check(scanned_at, occurred_at):
            raise Invalid.field(
                "presence",
                f"scanned_at is more than {_span(timing.window)} from the check's "
                "time: a scan counts only when made at the check, so scan the code again",
            )
        return {"method": SCANNED, "kind": code.kind, "code_id": code.code_id, "scanned_at": scanned_at.isoformat()}
    reason = (presence.get("reason") or "").strip() or None
    if reason is None and required:
        raise Invalid.field(
            "presence",
            "checks at this level must be scanned on this unit: "
            "scan the room or wristband code, or give the reason you cannot",
        )
    return {"method": TAPPED, "reason": reason}


def establish(
    session: Session, resident: Resident, check: dict[str, Any], occurred_at: datetime, now: datetime
) -> dict[str, Any]:
    """How a check of resident establishes presence under their unit's policy and the app's scan timing (see judge)."""
    presence = check.get("presence")
    code = None
    if presence and presence.get("method") == SCANNED:
        found = _code(session, presence.get("token") or "")
        if found is not None:
            code = ScannedCode(
                found.id,
                found.kind,
                found.unit_id,
                found.in_force,
                frozenset(r.id for r in residents_of(session, found)),
            )
    required = scan_required(resident.unit, resident.observation_level) and not is_emergency(
        check.get("location"), check.get("state"), check.get("breathing_observed")
    )
    return judge(presence, code, resident.id, resident.unit_id, required, occurred_at, now, scan_timing())
