"""API tokens of systems: made by an admin, shown once, kept as a digest; what a request bearing one may do.

A token is a long random secret, so a SHA-256 digest is enough to find it and to keep it from being read back out
of the database (a password needs a slow hash because people choose guessable ones; a token is never guessable).
A token acts as a `TokenActor`: the permission table lets it do what its scopes name (facility.permissions,
TOKEN_SCOPES) on its units only, over the API and the FHIR export alone: it never opens a page or a console.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.actors import Actor
from facility.auth.models import ApiToken
from facility.errors import Invalid, NotFound
from facility.permissions import TOKEN_SCOPES, require
from facility.records.audit import record_access
from facility.timeutil import facility_zone

PREFIX = "fct_"  # says what a leaked string is, for the secret scanners and for whoever finds it
SCOPES = tuple(TOKEN_SCOPES)


class TokenRefused(Exception):
    """A bearer token that opens nothing: unknown, revoked or expired (the message says which)."""


@dataclass(frozen=True)
class TokenActor:
    """Who acts when a system presents its token: the permission table reads its scopes, the services its units."""

    token_id: int
    name: str
    scopes: tuple[str, ...]
    unit_ids: list[int] = field(default_factory=list)
    id: None = None  # no staff member: the audit log names the token instead
    role: str = "system"
    must_change_password: bool = False
    is_authenticated: bool = True
    is_active: bool = True
    is_anonymous: bool = False

    def get_id(self) -> None:  # Flask-Login: nothing to keep in a session
        return None

    @property
    def requester(self) -> str:
        return f"token:{self.token_id}"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _expiry(expires_on: date | None) -> datetime | None:
    """The end of the expiry day in the facility's zone: a token 'until 31 March' works all of that day."""
    if expires_on is None:
        return None
    return datetime.combine(expires_on, time.max, tzinfo=facility_zone()).astimezone(UTC)


def create_token(session: Session, actor: Actor, cmd: dict[str, Any], now: datetime) -> tuple[ApiToken, str]:
    """A new token for the named units and scopes (admin; audited); answers the row and the secret, shown once."""
    require(actor, "admin.tokens.manage")
    if cmd.get("expires_on") is not None and _expiry(cmd["expires_on"]) <= now:
        raise Invalid.field("expires_on", "is in the past; a token would be born expired")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        name=cmd["name"],
        digest=digest(secret),
        scopes=sorted(set(cmd["scopes"])),
        unit_ids=sorted(set(cmd["unit_ids"])),
        created_by_id=actor.id,
        created_at=now,
        expires_at=_expiry(cmd.get("expires_on")),
    )
    session.add(token)
    session.flush()
    record_access(session, actor.id, "token.create", target=f"token:{token.id}", scopes=token.scopes)
    return token, secret


def revoke_token(session: Session, actor: Actor, token_id: int, now: datetime) -> ApiToken:
    """Revoke at once: the token's next request is refused (admin; audited). Revoking twice changes nothing."""
    require(actor, "admin.tokens.manage")
    token = session.get(ApiToken, token_id)
    if token is None:
        raise NotFound("no such token")
    if token.revoked_at is None:
        token.revoked_at, token.revoked_by_id = now, actor.id
        record_access(session, actor.id, "token.revoke", target=f"token:{token.id}")
    return token


def list_tokens(session: Session, actor: Actor) -> list[ApiToken]:
    """Every token, newest first, without its secret (admin)."""
    require(actor, "admin.tokens.manage")
    return list(session.scalars(select(ApiToken).order_by(ApiToken.id.desc())))


def token_state(token: ApiToken, now: datetime) -> str:
    """`active`, `revoked` or `expired`."""
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and token.expires_at <= now:
        return "expired"
    return "active"


def actor_for(session: Session, secret: str, now: datetime) -> TokenActor:
    """The actor a presented secret stands for; TokenRefused when it opens nothing."""
    token = session.scalar(select(ApiToken).where(ApiToken.digest == digest(secret)))
    if token is None:
        raise TokenRefused("unknown token")
    state = token_state(token, now)
    if state != "active":
        raise TokenRefused(f"this token is {state}")
    return TokenActor(token.id, token.name, tuple(token.scopes), list(token.unit_ids))
