"""Alert rows: raised by rules, pushed to consoles, acknowledged, escalated, resolved."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from facility.db import Base, BigId, UTCDateTime


class Alert(Base):
    """One alert. `condition` names what raised it; only one open alert may hold a condition."""

    __tablename__ = "alerts"
    __table_args__ = (
        Index(
            "uq_alerts_open_condition",
            "condition",
            unique=True,
            sqlite_where=text("resolved_at IS NULL"),
            postgresql_where=text("resolved_at IS NULL"),
        ),
        Index("ix_alerts_unit_id_id", "unit_id", "id"),
        Index("ix_alerts_unit_raised", "unit_id", "raised_at"),
        Index("ix_alerts_unit_resolved", "unit_id", "resolved_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(10))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    source_uid: Mapped[str | None] = mapped_column(String(36))
    condition: Mapped[str] = mapped_column(String(120))
    message: Mapped[str] = mapped_column(Text)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ack_note: Mapped[str | None] = mapped_column(Text)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_how: Mapped[str | None] = mapped_column(String(120))

    @property
    def status(self) -> str:
        if self.resolved_at:
            return "resolved"
        return "acknowledged" if self.acknowledged_at else "open"
