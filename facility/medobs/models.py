"""Projections of the medication record: orders in force and the observed doses.

The events in the log stay the record; these rows are rebuilt from them by the handlers, so the med pass,
the one-observation-per-dose guard and the sweeps read an index instead of the whole log.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facility.db import Base, UTCDateTime


class MedicationOrder(Base):
    """An order as it stands now: the effective `medication.ordered` data and its stop, if any."""

    __tablename__ = "medication_orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    medication: Mapped[str] = mapped_column(String(120))
    strength: Mapped[str] = mapped_column(String(60))
    dose: Mapped[str] = mapped_column(String(60))
    route: Mapped[str] = mapped_column(String(30))
    times: Mapped[list[str]] = mapped_column(JSON, default=list)
    prn: Mapped[bool] = mapped_column(Boolean, default=False)
    prn_indication: Mapped[str | None] = mapped_column(String(200))
    prn_max_per_24h: Mapped[int | None] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    instructions: Mapped[str | None] = mapped_column(Text)
    ordered_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    ordered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    stopped_uid: Mapped[str | None] = mapped_column(String(36))
    stop_reason: Mapped[str | None] = mapped_column(String(500))

    def in_force_at(self, moment: datetime) -> bool:
        """Not voided and not stopped by moment."""
        return not self.voided and (self.stopped_at is None or moment < self.stopped_at)


class DoseObservation(Base):
    """One observed dose in force (a voided observation has no row): the guard of one observation per dose."""

    __tablename__ = "medication_observations"
    __table_args__ = (
        UniqueConstraint("order_id", "dose_key", name="uq_medication_observations_order_dose"),
        Index("ix_medication_observations_followup", "followup_due_at", "followup_at"),
        # The med pass and the missed-dose sweep read a few days of doses per order; without the time in the
        # index they walk every dose of the order's history (a year: 1,460 per order).
        Index("ix_medication_observations_order_scheduled", "order_id", "scheduled_for"),
        Index("ix_medication_observations_order_occurred", "order_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("medication_orders.id"), index=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    # A scheduled dose's key is its scheduled instant; a PRN dose's is its own uid (each is its own dose).
    dose_key: Mapped[str] = mapped_column(String(40))
    scheduled_for: Mapped[datetime | None] = mapped_column(UTCDateTime)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(30))
    witness_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    side_effects: Mapped[list[str]] = mapped_column(JSON, default=list)
    held_reason: Mapped[str | None] = mapped_column(String(500))
    prn_indication: Mapped[str | None] = mapped_column(String(200))
    followup_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    followup_uid: Mapped[str | None] = mapped_column(String(36))
    followup_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    followup_effect: Mapped[str | None] = mapped_column(String(30))
