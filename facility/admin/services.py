"""Admin use cases: staff accounts, units and systems' API tokens of the admin's own units, every change audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facility.auth import tokens
from facility.auth.models import ApiToken, Role, User, user_units
from facility.auth.services import close_consoles, hash_password, revoke_sessions
from facility.auth.tokens import token_state
from facility.census.levels import LEVEL_CODES
from facility.census.models import DEFAULT_SHIFT_STARTS, Unit
from facility.census.scope import unit_for
from facility.census.staff import create_user
from facility.errors import Conflict, Forbidden, Invalid, NotFound
from facility.permissions import require, roles_for
from facility.records.audit import record_access


@dataclass(frozen=True)
class StaffAccount:
    """A staff account as one admin sees it: only the units that admin shares with it."""

    id: int
    username: str
    name: str
    role: str
    active: bool
    unit_ids: list[int]
    must_change_password: bool = False  # a temporary password set by an admin, not yet replaced
    requires_cosign: bool = False  # a pre-licensed clinician, whose notes a supervising clinician co-signs

    @classmethod
    def of(cls, user: User, admin: User) -> StaffAccount:
        shared = sorted(set(user.unit_ids) & set(admin.unit_ids))
        return cls(
            user.id,
            user.username,
            user.name,
            user.role,
            user.active,
            shared,
            user.must_change_password,
            bool(user.requires_cosign),
        )


def list_staff(session: Session, admin: User) -> list[StaffAccount]:
    """Everyone assigned to at least one of the admin's units, by name."""
    require(admin, "admin.users.manage")
    users = session.scalars(
        select(User)
        .join(user_units)
        .where(user_units.c.unit_id.in_(admin.unit_ids))
        .distinct()
        .order_by(User.name, User.id)
    )
    return [StaffAccount.of(user, admin) for user in users]


def _staff_for(session: Session, admin: User, user_id: int) -> User:
    """The account if it shares a unit with the admin, else NotFound."""
    user = session.get(User, user_id)
    if user is None or not set(user.unit_ids) & set(admin.unit_ids):
        raise NotFound("no such staff member")
    return user


def _managed_by(admin: User, user: User) -> None:
    """An admin manages only accounts whose units all lie within the admin's own."""
    beyond = set(user.unit_ids) - set(admin.unit_ids)
    if beyond:
        raise Forbidden("this account also works on units you do not manage; ask an admin of all its units")


def _keep_an_admin(session: Session, user: User, cmd: dict[str, Any]) -> None:
    """The last active admin may not be deactivated or demoted: someone must be able to manage accounts."""
    managers = [role.value for role in roles_for("admin.users.manage")]
    leaves = cmd.get("active") is False or cmd.get("role", user.role) not in managers
    if not (leaves and user.active and user.role in managers):
        return
    others = session.scalar(
        select(func.count()).select_from(User).where(User.role.in_(managers), User.active.is_(True), User.id != user.id)
    )
    if not others:
        field = "active" if cmd.get("active") is False else "role"
        raise Invalid.field(field, "this is the last active admin; make another admin first")


def _admin_units(session: Session, admin: User, unit_ids: list[int]) -> list[Unit]:
    """The admin's units with these ids; any other id is a 422 on unit_ids."""
    foreign = sorted(set(unit_ids) - set(admin.unit_ids))
    if foreign:
        raise Invalid.field("unit_ids", f"not one of your units: {', '.join(map(str, foreign))}")
    return [session.get(Unit, unit_id) for unit_id in sorted(set(unit_ids))]


def create_staff(session: Session, admin: User, cmd: dict[str, Any]) -> StaffAccount:
    """A new staff account on some of the admin's units."""
    require(admin, "admin.users.manage")
    units = _admin_units(session, admin, cmd["unit_ids"])
    if session.scalar(select(User.id).where(User.username == cmd["username"])) is not None:
        raise Conflict("that username is taken", {"username": ["that username is taken"]})
    user = create_user(
        session, cmd["username"], cmd["name"], Role(cmd["role"]), cmd["password"], [unit.name for unit in units]
    )
    record_access(
        session,
        admin.id,
        "admin.user_created",
        target=f"user:{user.id}",
        username=user.username,
        role=user.role,
        unit_ids=user.unit_ids,
    )
    return StaffAccount.of(user, admin)


def _guard_self(admin: User, user: User, cmd: dict[str, Any]) -> None:
    """An admin may not lock themselves out: no self-deactivation, demotion or leaving a unit."""
    if user.id != admin.id:
        return
    if cmd.get("active") is False:
        raise Invalid.field("active", "you cannot deactivate your own account; ask another admin")
    if cmd.get("role", admin.role) != admin.role:
        raise Invalid.field("role", "you cannot change your own role; ask another admin")
    if "unit_ids" in cmd and not set(admin.unit_ids) <= set(cmd["unit_ids"]):
        raise Invalid.field("unit_ids", "you cannot remove yourself from a unit; ask another admin")


def update_staff(session: Session, admin: User, user_id: int, cmd: dict[str, Any]) -> StaffAccount:
    """Change a staff account's name, role, active flag, co-signature flag, units or password."""
    require(admin, "admin.users.manage")
    user = _staff_for(session, admin, user_id)
    _managed_by(admin, user)
    _guard_self(admin, user, cmd)
    _keep_an_admin(session, user, cmd)
    changes: dict[str, Any] = {}
    if "unit_ids" in cmd:
        chosen = _admin_units(session, admin, cmd["unit_ids"])
        before = StaffAccount.of(user, admin).unit_ids
        if before != [unit.id for unit in chosen]:
            user.units = chosen
            changes["unit_ids"] = {"from": before, "to": [unit.id for unit in chosen]}
    for field in ("name", "role", "active", "requires_cosign"):
        if field in cmd and getattr(user, field) != cmd[field]:
            changes[field] = {"from": getattr(user, field), "to": cmd[field]}
            setattr(user, field, cmd[field])
    if "password" in cmd:
        user.password_hash = hash_password(cmd["password"])
        # Another person's password set by an admin is temporary: its owner chooses their own at next login.
        user.must_change_password = user.id != admin.id
        changes["password"] = "reset" if user.must_change_password else "changed"  # that it changed, never what to
    if "password" in changes or changes.get("active", {}).get("to") is False:
        revoke_sessions(session, user)  # whoever held the old password or the account is out, sockets too
    elif "unit_ids" in changes or "role" in changes:
        close_consoles(session, user)  # the consoles reconnect and hear only what the new access allows
    if changes:
        session.flush()
        record_access(session, admin.id, "admin.user_updated", target=f"user:{user.id}", changes=changes)
    return StaffAccount.of(user, admin)


def _check_unit_name(session: Session, name: str, unit_id: int | None = None) -> None:
    clash = session.scalar(select(Unit.id).where(Unit.name == name))
    if clash is not None and clash != unit_id:
        raise Conflict("a unit has that name already", {"name": ["a unit has that name already"]})


def create_unit(session: Session, admin: User, cmd: dict[str, Any]) -> Unit:
    """A new unit; the admin who creates it is assigned to it."""
    require(admin, "admin.units.manage")
    _check_unit_name(session, cmd["name"])
    unit = Unit(name=cmd["name"], shift_starts=sorted(cmd.get("shift_starts") or DEFAULT_SHIFT_STARTS))
    session.add(unit)
    admin.units.append(unit)
    session.flush()
    record_access(
        session,
        admin.id,
        "admin.unit_created",
        target=f"unit:{unit.id}",
        name=unit.name,
        shift_starts=unit.shift_starts,
    )
    return unit


def update_unit(session: Session, admin: User, unit_id: int, cmd: dict[str, Any]) -> Unit:
    """Rename one of the admin's units, change its shift start times (admin) or its scan policy (admin, lead)."""
    require(admin, "units.scan_policy.set")
    if set(cmd) - {"scan_required_levels"}:
        require(admin, "admin.units.manage")
    unit = unit_for(session, admin, unit_id)
    changes: dict[str, Any] = {}
    levels = sorted(set(cmd.get("scan_required_levels", unit.scan_required_levels)), key=LEVEL_CODES.index)
    if levels != unit.scan_required_levels:
        changes["scan_required_levels"] = {"from": unit.scan_required_levels, "to": levels}
        unit.scan_required_levels = levels
    if "name" in cmd and cmd["name"] != unit.name:
        _check_unit_name(session, cmd["name"], unit.id)
        changes["name"] = {"from": unit.name, "to": cmd["name"]}
        unit.name = cmd["name"]
    if "shift_starts" in cmd and sorted(cmd["shift_starts"]) != unit.shift_starts:
        changes["shift_starts"] = {"from": unit.shift_starts, "to": sorted(cmd["shift_starts"])}
        unit.shift_starts = sorted(cmd["shift_starts"])
    if changes:
        session.flush()
        record_access(session, admin.id, "admin.unit_updated", target=f"unit:{unit.id}", changes=changes)
    return unit


def token_view(session: Session, token: ApiToken, now: datetime) -> dict[str, Any]:
    """A token as the admin page lists it: never its secret."""
    maker = session.get(User, token.created_by_id)
    return {
        "id": token.id,
        "name": token.name,
        "scopes": token.scopes,
        "unit_ids": token.unit_ids,
        "created_at": token.created_at,
        "created_by": maker.name if maker else None,
        "expires_at": token.expires_at,
        "revoked_at": token.revoked_at,
        "state": token_state(token, now),
    }


def _admins_token(session: Session, admin: User, token_id: int) -> ApiToken:
    token = session.get(ApiToken, token_id)
    if token is None or not set(token.unit_ids) <= set(admin.unit_ids):
        raise NotFound("no such token")
    return token


def list_api_tokens(session: Session, admin: User, now: datetime) -> list[dict[str, Any]]:
    """The tokens of the admin's units, newest first."""
    mine = set(admin.unit_ids)
    return [token_view(session, t, now) for t in tokens.list_tokens(session, admin) if set(t.unit_ids) <= mine]


def create_api_token(session: Session, admin: User, cmd: dict[str, Any], now: datetime) -> dict[str, Any]:
    """A token for some of the admin's units; the answer carries the secret, this once."""
    _admin_units(session, admin, cmd["unit_ids"])
    token, secret = tokens.create_token(session, admin, cmd, now)
    return {**token_view(session, token, now), "token": secret}


def revoke_api_token(session: Session, admin: User, token_id: int, now: datetime) -> dict[str, Any]:
    """Revoke a token of the admin's units at once."""
    require(admin, "admin.tokens.manage")
    token = tokens.revoke_token(session, admin, _admins_token(session, admin, token_id).id, now)
    return token_view(session, token, now)
