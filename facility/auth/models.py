"""Staff accounts and their unit assignments; the API tokens of systems."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, Boolean, Column, ForeignKey, Integer, String, Table, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facility.db import Base, UTCDateTime
from facility.permissions import Role  # noqa: F401 (an account's role is one of the permission table's)

user_units = Table(
    "user_units",
    Base.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("units.id", ondelete="CASCADE"), primary_key=True),
)


class User(UserMixin, Base):
    """A staff member who logs in."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped to end every session of the user at once (logout, password change, deactivation).
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Set when an admin gives the account a temporary password: nothing but choosing a new one until then.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # A pre-licensed clinician: their signed session notes are in force once a supervising clinician co-signs.
    requires_cosign: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    units: Mapped[list[Unit]] = relationship(secondary=user_units, lazy="selectin")  # noqa: F821

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    @property
    def unit_ids(self) -> list[int]:
        return sorted(unit.id for unit in self.units)


class ApiToken(Base):
    """A system's key to the API (an EHR, a state reporting system, a warehouse): scoped to units and to what it may
    do, expiring, revocable. Only a digest of the secret is kept; the secret is shown once, when it is made."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[list[str]] = mapped_column(JSON)
    unit_ids: Mapped[list[int]] = mapped_column(JSON)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
