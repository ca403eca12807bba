"""The projection of the clinical record: each assessment in force, scored, for lists, trends and the caseload."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from facility.db import Base, UTCDateTime


class Assessment(Base):
    """An administration of an instrument as stored (from its `assessment.administered` event)."""

    __tablename__ = "clinical_assessments"
    __table_args__ = (Index("ix_clinical_assessments_resident_instrument", "resident_id", "instrument", "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    instrument: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(40))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    administered_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    informant: Mapped[str] = mapped_column(String(20))
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20))
    total: Mapped[int | None] = mapped_column(Integer)
    band: Mapped[str | None] = mapped_column(String(40))
    critical_items: Mapped[list[int]] = mapped_column(JSON, default=list)
    incomplete_reason: Mapped[str | None] = mapped_column(Text)
