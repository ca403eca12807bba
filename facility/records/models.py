"""The append-only clinical record, one row per thing that happened, and the audit log of who read or wrote what."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from facility.db import Base, BigId, UTCDateTime, guard_append_only


class Event(Base):
    """A clinical record. Never updated or deleted: corrections are new events naming `corrects_uid`."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_unit_occurred", "unit_id", "occurred_at"),
        Index("ix_events_resident_kind_occurred", "resident_id", "kind", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    late_entry: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    corrects_uid: Mapped[str | None] = mapped_column(String(36), index=True)
    body_hash: Mapped[str] = mapped_column(String(64))


guard_append_only(Event)


class AuditEntry(Base):
    """One access to the system or to a resident's data."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str | None] = mapped_column(Text)  # a unit list or a username can be long
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"), index=True)
    remote_addr: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


guard_append_only(AuditEntry)
