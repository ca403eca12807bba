"""Projections of the incident record: reports with their steps and addenda, episodes with orders and checks.

The events in the log stay the record; these rows are kept in step by the handlers so that lists, the
episode clocks, the sweeps and HBIPS read an index instead of the whole log.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from facility.db import Base, UTCDateTime


class Incident(Base):
    """A report as it stands: the draft's latest fields, or the submitted report, and where it is in its workflow."""

    __tablename__ = "incidents"
    __table_args__ = (
        Index("ix_incidents_unit_status", "unit_id", "status"),
        Index("ix_incidents_unit_occurred", "unit_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(12))
    occurred_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    severity: Mapped[str | None] = mapped_column(String(12))
    category: Mapped[str | None] = mapped_column(String(40))
    resident_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    # Every field of the report as entered (location, staff, ABC, interventions, injuries, notifications …).
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class IncidentStep(Base):
    """One step of a report's workflow (drafted, submitted, reviewed, closed): who, when, with what note."""

    __tablename__ = "incident_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)


class IncidentAddendum(Base):
    """A later word on a submitted report; the report itself never changes."""

    __tablename__ = "incident_addenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    text: Mapped[str] = mapped_column(Text)


class Episode(Base):
    """A restraint or seclusion episode of one resident of an incident, with where its clocks stand."""

    __tablename__ = "episodes"
    __table_args__ = (
        Index("ix_episodes_unit_started", "unit_id", "started_at"),
        Index("ix_episodes_running", "ended_at", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # None while an episode opened from a report waits for a nurse to enter the physician's order.
    order_minutes: Mapped[int | None]
    order_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Opened from the incident report (episode.opened) rather than started by a nurse with its order.
    opened_from_report: Mapped[bool] = mapped_column(default=False, server_default=false())
    last_monitored_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    face_to_face_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    face_to_face_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    face_to_face_findings: Mapped[str | None] = mapped_column(Text)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    end_note: Mapped[str | None] = mapped_column(Text)


class EpisodeLink(Base):
    """Another incident report that describes an episode already documented under an earlier report."""

    __tablename__ = "episode_links"
    __table_args__ = (UniqueConstraint("episode_id", "incident_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)


class EpisodeOrder(Base):
    """The physician's order of an episode, and each renewal: who ordered it, when, until when."""

    __tablename__ = "episode_orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    ordered_by: Mapped[str] = mapped_column(String(120))
    ordered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    renewal: Mapped[bool]
    entered_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class EpisodeCheck(Base):
    """A monitoring check of a resident in restraint or seclusion (at least every 15 minutes)."""

    __tablename__ = "episode_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    state: Mapped[str | None] = mapped_column(String(20))
    checks: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)
