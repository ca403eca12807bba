"""Projections of the case-management record: who manages whose case, needs, resources, referrals and their steps.

The events stay the record (each referral step is an event of its own); these rows let the caseload, the sweeps
and the pages read an index instead of the log. The resource directory is the facility's, not a resident's: its
rows are the record, made idempotent by their uid and body fingerprint.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from facility.db import Base, UTCDateTime


class CaseManager(Base):
    """A resident's primary case manager, as the last `case_manager.assigned` event says."""

    __tablename__ = "casework_case_managers"

    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    assigned_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Resource(Base):
    """An organisation of the community resource directory and the services it gives."""

    __tablename__ = "casework_resources"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)  # the name folded: case and spaces
    service_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)
    added_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    body_hash: Mapped[str] = mapped_column(String(64))


class NeedsAssessment(Base):
    """One rating of the 16 life domains, by the resident or by staff (they are kept apart)."""

    __tablename__ = "casework_needs"
    __table_args__ = (Index("ix_casework_needs_resident_assessed", "resident_id", "assessed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    rater: Mapped[str] = mapped_column(String(10))
    ratings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    note: Mapped[str | None] = mapped_column(Text)
    assessed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    assessed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Referral(Base):
    """A referral to an organisation for a need, with its status as its steps left it."""

    __tablename__ = "casework_referrals"
    __table_args__ = (Index("ix_casework_referrals_status_sent", "status", "sent_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    resource_id: Mapped[int] = mapped_column(ForeignKey("casework_resources.id"))
    need: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    consent_uid: Mapped[str] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str | None] = mapped_column(String(20))
    made_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    made_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # accepted, waitlisted or declined first
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # declined, canceled or completed


class ReferralStep(Base):
    """One step of a referral (its `referral.status_changed` event): what it became, who said so and when."""

    __tablename__ = "casework_referral_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("casework_referrals.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Appointment(Base):
    """An appointment outside the unit: with whom, where, when, and whether staff escort or transport is needed."""

    __tablename__ = "casework_appointments"
    __table_args__ = (Index("ix_casework_appointments_unit_starts", "unit_id", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    provider: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(300))
    escort_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    transport_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    booked_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    booked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The outing the resident was signed out on for it (care's sign-out naming this appointment), and when.
    outing_uid: Mapped[str | None] = mapped_column(String(36))
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DischargePlan(Base):
    """One revision of a resident's discharge plan; the latest is the plan in force."""

    __tablename__ = "casework_discharge_plans"
    __table_args__ = (Index("ix_casework_discharge_plans_resident_revision", "resident_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    revision: Mapped[int] = mapped_column(Integer)
    planned_on: Mapped[date] = mapped_column(Date)
    destination: Mapped[str] = mapped_column(String(300))
    aftercare_provider: Mapped[str | None] = mapped_column(String(200))
    aftercare_starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checklist: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    revised_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    revised_at: Mapped[datetime] = mapped_column(UTCDateTime)


class FollowUp(Base):
    """A follow-up after discharge: an aftercare appointment kept, a contact made, or no contact reached."""

    __tablename__ = "casework_follow_ups"
    __table_args__ = (Index("ix_casework_follow_ups_resident_occurred", "resident_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    kind: Mapped[str] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
