"""Projections of the daily-care record: consents, outings and the meals that count for intake (goals are rows of
the plan's one goal table, `facility.goals`).

The events stay the record; handlers rebuild these rows from the data in force (an amendment rewrites a row,
a void marks it or removes it), so validation, sweeps and the handoff read an index instead of the log.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from facility.db import Base, UTCDateTime


class Consent(Base):
    """A consent on file to share with one contact, with its scope and the last day it holds."""

    __tablename__ = "care_consents"
    __table_args__ = (Index("ix_care_consents_resident_contact", "resident_id", "contact_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    contact_name: Mapped[str] = mapped_column(String(120))
    contact_key: Mapped[str] = mapped_column(String(120))  # the name folded for matching: case and spaces
    relationship: Mapped[str] = mapped_column(String(60))
    scope: Mapped[str] = mapped_column(String(40))
    expires_on: Mapped[date | None] = mapped_column(Date)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    voided: Mapped[bool] = mapped_column(Boolean, default=False)


class Outing(Base):
    """A sign-out and, once recorded, its sign-in: who is off the unit, where, with whom, until when."""

    __tablename__ = "care_outings"
    __table_args__ = (
        Index("ix_care_outings_resident_started", "resident_id", "started_at"),
        Index("ix_care_outings_open", "returned_at", "expected_return_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    destination: Mapped[str] = mapped_column(String(200))
    escort_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    vehicle: Mapped[str | None] = mapped_column(String(120))
    expected_return_at: Mapped[datetime] = mapped_column(UTCDateTime)
    signed_out_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    return_uid: Mapped[str | None] = mapped_column(String(36))
    voided: Mapped[bool] = mapped_column(Boolean, default=False)


class Meal(Base):
    """A meal in force that counts for intake (a voided meal, or one that did not occur, has no row)."""

    __tablename__ = "care_meals"
    __table_args__ = (Index("ix_care_meals_resident_occurred", "resident_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    meal: Mapped[str] = mapped_column(String(20))
    percent_eaten: Mapped[int] = mapped_column(Integer)
