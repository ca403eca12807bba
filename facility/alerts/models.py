"""Alert rows: raised by rules, pushed to consoles, acknowledged, escalated, resolved."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

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
    resident: Mapped[Resident | None] = relationship(lazy="selectin")  # noqa: F821
    acknowledged_by: Mapped[User | None] = relationship(lazy="selectin")  # noqa: F821

    @property
    def resident_display(self) -> str | None:
        """First name, last initial and room of the resident, if the alert is about one."""
        return self.resident.display_name if self.resident else None

    @property
    def link(self) -> str | None:
        """The page of what the alert is about, as the app's link maker (handed over at start-up) says."""
        from flask import current_app, has_app_context

        make = current_app.extensions.get("facility_alert_link") if has_app_context() else None
        return make(self.kind, self.condition, self.resident_id) if make else None

    @property
    def acknowledged_by_name(self) -> str | None:
        """Who took responsibility for the alert."""
        return self.acknowledged_by.name if self.acknowledged_by else None

    @property
    def status(self) -> str:
        """open, acknowledged or resolved."""
        if self.resolved_at:
            return "resolved"
        return "acknowledged" if self.acknowledged_at else "open"
