"""Units and residents: the census projection kept beside the event log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from facility.db import Base, UTCDateTime

DEFAULT_SHIFT_STARTS = ["07:00", "15:00", "23:00"]


class Unit(Base):
    """A ward or house with its own shift start times."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    shift_starts: Mapped[list[str]] = mapped_column(JSON, default=lambda: list(DEFAULT_SHIFT_STARTS))
    # Observation levels whose checks must be proved by scanning a room or wristband code (default: none).
    scan_required_levels: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")


class Resident(Base):
    """A person living on a unit; the row is the current state folded from census events."""

    __tablename__ = "residents"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    preferred_name: Mapped[str | None] = mapped_column(String(80))
    date_of_birth: Mapped[date] = mapped_column(Date)
    record_number: Mapped[str | None] = mapped_column(String(40))
    room: Mapped[str] = mapped_column(String(20))
    admitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    discharged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    allergies: Mapped[list[str]] = mapped_column(JSON, default=list)
    precautions: Mapped[list[str]] = mapped_column(JSON, default=list)
    observation_level: Mapped[str] = mapped_column(String(20))
    level_changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    assigned_staff_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    unit: Mapped[Unit] = relationship(lazy="joined")

    @property
    def display_name(self) -> str:
        """First name, last initial and room: all a tablet or an alert may show."""
        first = self.preferred_name or self.first_name
        return f"{first} {self.last_name[:1]}. · {self.room}"

    @property
    def active(self) -> bool:
        return self.discharged_at is None


def admitted_at(session: Session, resident_id: int) -> datetime | None:
    """When the resident was admitted; None for no such resident (the record checks an entry against it)."""
    resident = session.get(Resident, resident_id)
    return None if resident is None else resident.admitted_at
