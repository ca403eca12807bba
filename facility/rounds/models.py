"""Validated rounds: presence codes on rooms and wristbands, and who rounds on whom this shift."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facility.db import Base, UTCDateTime

ROOM = "room"
WRISTBAND = "wristband"
CODE_KINDS = (ROOM, WRISTBAND)


class PresenceCode(Base):
    """An opaque token printed as a QR code on a room door or a wristband; rotated when a label is lost.

    The token says nothing about the person: only this table knows whose room or wristband it is.
    """

    __tablename__ = "presence_codes"
    __table_args__ = (Index("ix_presence_codes_unit_kind", "unit_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    kind: Mapped[str] = mapped_column(String(12))
    room: Mapped[str] = mapped_column(String(20))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    replaced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("presence_codes.id"))

    @property
    def in_force(self) -> bool:
        return self.replaced_at is None


class RoundAssignment(Base):
    """One resident given to one staff member for one shift of a unit (the projection of `rounds.assigned`)."""

    __tablename__ = "round_assignments"
    __table_args__ = (UniqueConstraint("unit_id", "shift_start", "resident_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    shift_start: Mapped[datetime] = mapped_column(UTCDateTime)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    assigned_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime)
