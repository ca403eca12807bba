"""Passwords, logins and accounts."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context
from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.db import on_commit
from facility.errors import Invalid
from facility.records.audit import record_access
from facility.schemas import scrubbed


@lru_cache(maxsize=4)
def _hasher_for(params: tuple[tuple[str, int], ...]) -> PasswordHasher:
    return PasswordHasher(**dict(params))


def _hasher() -> PasswordHasher:
    """argon2id with the configured cost (config PASSWORD_HASH; the library's own parameters when empty)."""
    params = current_app.config.get("PASSWORD_HASH", {}) if has_app_context() else {}
    return _hasher_for(tuple(sorted(params.items())))


@lru_cache(maxsize=4)
def _dummy_hash(hasher: PasswordHasher) -> str:
    """Verified against when the username is unknown, so both failures take as long; made on first use."""
    return hasher.hash("not a real password")


def hash_password(password: str) -> str:
    """An argon2id hash of password."""
    return _hasher().hash(password)


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with these credentials, or None; the attempt is audited either way."""
    if scrubbed(username) != username or scrubbed(password) != password:
        # no stored username holds such characters, and the database could not even compare them
        record_access(session, None, "login.failure", target=f"user:{scrubbed(username)[:80]}")
        return None
    user = session.scalar(select(User).where(User.username == username))
    hasher = _hasher()
    try:
        hasher.verify(user.password_hash if user else _dummy_hash(hasher), password)
        ok = user is not None and user.active
    except (VerificationError, InvalidHashError):
        ok = False
    if ok and hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    record_access(
        session, user.id if ok else None, "login.success" if ok else "login.failure", target=f"user:{username[:80]}"
    )
    return user if ok else None


def change_password(session: Session, user: User, current: str, new: str) -> None:
    """Replace user's password after checking the current one; every other session of theirs ends (audited).

    Raises Invalid naming `current_password` when it is wrong, `new_password` when it is the same."""
    hasher = _hasher()
    try:
        hasher.verify(user.password_hash, current)
    except (VerificationError, InvalidHashError):
        record_access(session, user.id, "password.change_refused")
        raise Invalid.field("current_password", "is not your current password") from None
    if current == new:
        raise Invalid.field("new_password", "must differ from the current one")
    user.password_hash = hash_password(new)
    user.must_change_password = False
    revoke_sessions(session, user)
    record_access(session, user.id, "password.changed")


def staff_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    """The names of the given staff members by id (None and unknown ids left out): who recorded what."""
    wanted = {i for i in ids if i is not None}
    return dict(session.execute(select(User.id, User.name).where(User.id.in_(wanted))).all()) if wanted else {}


def revoke_sessions(session: Session, user: User) -> None:
    """End every session of user, on every device, and drop its live sockets once this commits."""
    user.session_version = (user.session_version or 0) + 1
    close_consoles(session, user, ended=True)


def close_consoles(session: Session, user: User, *, ended: bool = False) -> None:
    """Close user's live /alerts sockets on every process once this commits; their HTTP sessions are left alone.

    A console still logged in reconnects by itself and joins the rooms its access gives it then; `ended` tells the
    consoles first that their session is over, so that they say so at once instead of trying again.
    """
    # The live sockets are the alerts floor's, a floor up: create_app hands over how to close them (alerts.sockets).
    disconnect_user = current_app.extensions["facility_disconnect_user"]
    user_id = user.id
    on_commit(session, lambda: disconnect_user(user_id, ended=ended))
