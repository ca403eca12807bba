"""Bulk export jobs and the NDJSON files they write (kept in the database, so any process can serve them)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facility.db import Base, UTCDateTime

RUNNING, DONE, FAILED, CANCELED = "running", "done", "failed", "canceled"


class ExportJob(Base):
    """One kick-off of a bulk export: who asked (their requester key), what for, and how far it has got."""

    __tablename__ = "fhir_export_jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # random: the status URL names it
    requester: Mapped[str] = mapped_column(String(80))  # "user:{id}" or "token:{id}": only they may read it
    level: Mapped[str] = mapped_column(String(10))  # system, group or patient
    unit_ids: Mapped[list[int]] = mapped_column(JSON)  # the caller's units at the kick-off (or the group's one)
    types: Mapped[list[str]] = mapped_column(JSON)
    since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    request_url: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12), default=RUNNING)
    progress: Mapped[str] = mapped_column(String(120), default="queued")
    transaction_time: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # When the running job last showed progress: a job whose process died (a restart) stops showing any.
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(Text)


class ExportFile(Base):
    """One NDJSON file of a job: a part of one resource type's lines."""

    __tablename__ = "fhir_export_files"
    __table_args__ = (UniqueConstraint("job_id", "resource_type", "part"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("fhir_export_jobs.id", ondelete="CASCADE"), index=True)
    resource_type: Mapped[str] = mapped_column(String(40))
    part: Mapped[int] = mapped_column(Integer)
    count: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
