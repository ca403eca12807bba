"""The projection of the clinical record: each assessment in force, scored, for lists, trends and the caseload."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
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


class TherapySession(Base):
    """A therapy session as it stands (from its `therapy.session_held` event and its signatures)."""

    __tablename__ = "clinical_sessions"
    __table_args__ = (Index("ix_clinical_sessions_unsigned", "signed_at", "ended_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(20))
    modality: Mapped[str] = mapped_column(String(40))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime] = mapped_column(UTCDateTime)
    summary: Mapped[dict] = mapped_column(JSON, default=dict)
    risk: Mapped[dict] = mapped_column(JSON, default=dict)
    objective_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    # The author's signature; a pre-licensed author's note is in force once a supervising clinician co-signs.
    needs_cosign: Mapped[bool] = mapped_column(Boolean, default=False)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cosigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cosigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class SessionResident(Base):
    """A resident seen in a session (one for an individual session, several for a group or a family)."""

    __tablename__ = "clinical_session_residents"

    session_id: Mapped[int] = mapped_column(ForeignKey("clinical_sessions.id"), primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), primary_key=True, index=True)


class ProcessNote(Base):
    """A session's psychotherapy note (45 CFR 164.501), kept apart from the record: never in an event, so never in
    the events feed, the handoff, a timeline, a report or an export; read by its author alone."""

    __tablename__ = "clinical_process_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("clinical_sessions.id"), unique=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The author's earlier words, oldest first ({text, written_at, reason}): an amendment keeps what it replaced.
    earlier: Mapped[list[dict]] = mapped_column(JSON, default=list)


class TreatmentPlan(Base):
    """A version of a resident's treatment plan (from its `plan.version_written` event): a draft until its author
    signs it with the resident's participation; the last signed version is the plan in force."""

    __tablename__ = "clinical_plans"
    __table_args__ = (UniqueConstraint("resident_id", "version", name="uq_clinical_plans_resident_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    version: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime)
    review_days: Mapped[int] = mapped_column(Integer)
    # problems, goals and objectives (each with its lasting id), interventions: as written, ids added
    content: Mapped[dict] = mapped_column(JSON, default=dict)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    participation: Mapped[str | None] = mapped_column(String(30))
    sign_note: Mapped[str | None] = mapped_column(Text)
    # A draft its author withdrew (written in error): never signed, never in force, not offered as a draft.
    voided: Mapped[bool] = mapped_column(Boolean, default=False)


class PlanItem(Base):
    """An objective of a resident's plan: its id lasts across versions while its key is kept. (The plan's goals are
    rows of the one goal table, `facility.goals`, which daily care's progress notes name too.)"""

    __tablename__ = "clinical_plan_items"
    __table_args__ = (
        UniqueConstraint("resident_id", "level", "key", name="uq_clinical_plan_items_resident_level_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    level: Mapped[str] = mapped_column(String(20))  # objective (goals moved to the goal table)
    key: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    parent_key: Mapped[str | None] = mapped_column(String(40))
    target_date: Mapped[date | None] = mapped_column(Date)
