"""The case-management projections folded again from the log alone, as `handlers.py` keeps them (`facility verify`).

The resource directory is not here: its rows are the record (no event carries them). Everything a resident's case
holds is: who manages it, the needs rated, each referral and every step of it, appointments (and the outing signed
out for one), the discharge plan's revisions and the follow-ups after discharge. Needs, appointments, revisions and
follow-ups are corrected like any record: a voided one has no row (a voided revision keeps its number).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.casework.codes import (
    ANSWER_STATUSES,
    APPOINTMENT_BOOKED,
    CASE_MANAGER_SET,
    DISCHARGE_PLANNED,
    DRAFT,
    FINAL_STATUSES,
    FOLLOWED_UP,
    NEEDS_ASSESSED,
    REFERRAL_MADE,
    REFERRAL_STEP,
    SENT,
)
from facility.casework.handlers import OUTING_SIGNED_OUT
from facility.casework.models import (
    Appointment,
    CaseManager,
    DischargePlan,
    FollowUp,
    NeedsAssessment,
    Referral,
    ReferralStep,
)
from facility.domain import ProjectedTable, Projection
from facility.records.verify import Log, instant

CASE_MANAGERS = ProjectedTable(CaseManager, ("resident_id",), ("user_id", "assigned_by_id", "assigned_at"))
NEEDS = ProjectedTable(
    NeedsAssessment, ("uid",), ("resident_id", "rater", "ratings", "note", "assessed_by_id", "assessed_at")
)
REFERRALS = ProjectedTable(
    Referral,
    ("uid",),
    (
        "resident_id",
        "unit_id",
        "resource_id",
        "need",
        "reason",
        "consent_uid",
        "status",
        "outcome",
        "made_by_id",
        "made_at",
        "sent_at",
        "answered_at",
        "closed_at",
    ),
)
STEPS = ProjectedTable(
    ReferralStep, ("uid",), ("referral_id", "status", "outcome", "note", "actor_id", "occurred_at", "recorded_at")
)
APPOINTMENTS = ProjectedTable(
    Appointment,
    ("uid",),
    (
        "resident_id",
        "unit_id",
        "starts_at",
        "provider",
        "place",
        "escort_needed",
        "transport_needed",
        "booked_by_id",
        "booked_at",
        "outing_uid",
        "left_at",
    ),
)
DISCHARGE_PLANS = ProjectedTable(
    DischargePlan,
    ("uid",),
    (
        "resident_id",
        "revision",
        "planned_on",
        "destination",
        "aftercare_provider",
        "aftercare_starts_at",
        "checklist",
        "revised_by_id",
        "revised_at",
    ),
)
FOLLOW_UPS = ProjectedTable(FollowUp, ("uid",), ("resident_id", "kind", "note", "recorded_by_id", "occurred_at"))


def _referrals(session: Session, log: Log) -> tuple[dict[tuple, dict[str, Any]], dict[tuple, dict[str, Any]]]:
    """Each referral as its steps left it, and each step; a step names its referral by uid, the row by its id."""
    referrals: dict[tuple, dict[str, Any]] = {}
    for record in log.of(REFERRAL_MADE):
        data = record.data or record.original
        referrals[(record.uid,)] = {
            "resident_id": record.resident_id,
            "unit_id": record.unit_id,
            "resource_id": data["resource_id"],
            "need": data["need"],
            "reason": data["reason"],
            "consent_uid": str(data["consent_uid"]),
            "status": DRAFT,
            "outcome": None,
            "made_by_id": record.actor_id,
            "made_at": record.occurred_at,
            "sent_at": None,
            "answered_at": None,
            "closed_at": None,
        }
    ids = dict(session.execute(select(Referral.uid, Referral.id)).all())
    steps: dict[tuple, dict[str, Any]] = {}
    for record in log.of(REFERRAL_STEP):
        data = record.data or record.original
        referral = referrals.get((str(data["referral_uid"]),))
        if referral is None:
            continue
        status = data["status"]
        referral.update(status=status, outcome=data.get("outcome"))
        if status == SENT:
            referral["sent_at"] = record.occurred_at
        if status in ANSWER_STATUSES and referral["answered_at"] is None:
            referral["answered_at"] = record.occurred_at
        if status in FINAL_STATUSES:
            referral["closed_at"] = record.occurred_at
        steps[(record.uid,)] = {
            "referral_id": ids.get(str(data["referral_uid"])),
            "status": status,
            "outcome": data.get("outcome"),
            "note": data.get("note"),
            "actor_id": record.actor_id,
            "occurred_at": record.occurred_at,
            "recorded_at": record.recorded_at,
        }
    return referrals, steps


def rebuild(session: Session, log: Log) -> dict[str, dict[tuple, dict[str, Any]]]:
    """Every case-management row as the events alone say it should stand."""
    managers, needs, appointments, plans, follow_ups = {}, {}, {}, {}, {}
    for record in log.of(CASE_MANAGER_SET):
        data = record.data or record.original
        managers[(record.resident_id,)] = {
            "user_id": data["user_id"],
            "assigned_by_id": record.actor_id,
            "assigned_at": record.occurred_at,
        }
    for record in log.of(NEEDS_ASSESSED):
        if record.voided:  # corrected away: no row
            continue
        data = record.data
        needs[(record.uid,)] = {
            "resident_id": record.resident_id,
            "rater": data["rater"],
            "ratings": data["ratings"],
            "note": data.get("note"),
            "assessed_by_id": record.actor_id,
            "assessed_at": record.occurred_at,
        }
    for record in log.of(APPOINTMENT_BOOKED):
        if record.voided:  # corrected away: no row
            continue
        data = record.data
        appointments[(record.uid,)] = {
            "resident_id": record.resident_id,
            "unit_id": record.unit_id,
            "starts_at": instant(data["starts_at"]),
            "provider": data["provider"],
            "place": data["place"],
            "escort_needed": data["escort_needed"],
            "transport_needed": data["transport_needed"],
            "booked_by_id": record.actor_id,
            "booked_at": record.occurred_at,
            "outing_uid": None,
            "left_at": None,
        }
    # A sign-out naming an appointment (care's outing) marks it left for; the named appointment stands as recorded.
    for record in log.of(OUTING_SIGNED_OUT):
        named = (record.data or record.original).get("appointment_uid")
        booked = appointments.get((str(named),)) if named else None
        if booked is not None and booked["resident_id"] == record.resident_id:
            booked.update(outing_uid=record.uid, left_at=record.occurred_at)
    revisions: dict[int, int] = {}
    for record in sorted(log.of(DISCHARGE_PLANNED), key=lambda r: r.id):  # numbered in the order they were stored
        revisions[record.resident_id] = revisions.get(record.resident_id, 0) + 1  # a voided one keeps its number
        if record.voided:
            continue
        data = record.data
        aftercare = data.get("aftercare") or {}
        plans[(record.uid,)] = {
            "resident_id": record.resident_id,
            "revision": revisions[record.resident_id],
            "planned_on": date.fromisoformat(data["planned_on"]),
            "destination": data["destination"],
            "aftercare_provider": aftercare.get("provider"),
            "aftercare_starts_at": instant(aftercare["starts_at"]) if aftercare else None,
            "checklist": data["checklist"],
            "revised_by_id": record.actor_id,
            "revised_at": record.occurred_at,
        }
    for record in log.of(FOLLOWED_UP):
        if record.voided:  # corrected away: no row
            continue
        data = record.data
        follow_ups[(record.uid,)] = {
            "resident_id": record.resident_id,
            "kind": data["kind"],
            "note": data.get("note"),
            "recorded_by_id": record.actor_id,
            "occurred_at": record.occurred_at,
        }
    referrals, steps = _referrals(session, log)
    return {
        CASE_MANAGERS.name: managers,
        NEEDS.name: needs,
        REFERRALS.name: referrals,
        STEPS.name: steps,
        APPOINTMENTS.name: appointments,
        DISCHARGE_PLANS.name: plans,
        FOLLOW_UPS.name: follow_ups,
    }


PROJECTION = Projection((CASE_MANAGERS, NEEDS, REFERRALS, STEPS, APPOINTMENTS, DISCHARGE_PLANS, FOLLOW_UPS), rebuild)
