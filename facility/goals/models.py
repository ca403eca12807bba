"""The one goal table."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facility.db import Base, UTCDateTime


class Goal(Base):
    """A goal of a resident's treatment plan as it stands: set from the floor (its `goal.set` event) or named by a
    version of the plan (its lasting `plan_key`); progress notes name it by id."""

    __tablename__ = "goals"
    __table_args__ = (
        UniqueConstraint("resident_id", "plan_key", name="uq_goals_resident_plan_key"),
        Index("ix_goals_resident_active", "resident_id", "active"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The event that brought it: the goal.set, or the plan version that first named its key.
    uid: Mapped[str] = mapped_column(String(36), index=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    source: Mapped[str] = mapped_column(String(10))  # floor | plan
    plan_key: Mapped[str | None] = mapped_column(String(40))  # a plan goal's key, kept across versions
    text: Mapped[str] = mapped_column(Text)
    target_date: Mapped[date | None] = mapped_column(Date)
    set_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Takes progress notes: a floor goal not voided; a plan goal of the plan in force.
    active: Mapped[bool] = mapped_column(Boolean, default=False)
