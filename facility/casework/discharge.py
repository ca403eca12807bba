"""Appointments outside the unit, the discharge plan and its revisions, follow-ups after discharge, transitions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.actors import Actor
from facility.auth.services import staff_names
from facility.casework.codes import APPOINTMENT_BOOKED, DISCHARGE_PLANNED, FOLLOWED_UP, REACHED
from facility.casework.handlers import outings_in_force, returns_of
from facility.casework.models import Appointment, DischargePlan, FollowUp, Referral
from facility.casework.transitions import Discharge, ReferralSpan, aftercare_in_time, transitions
from facility.census.models import Resident
from facility.census.scope import resident_for, unit_for
from facility.census.writes import record_about_resident
from facility.errors import Invalid
from facility.permissions import require
from facility.records.audit import record_access
from facility.records.log import NewEvent, find_replay
from facility.records.services import record
from facility.timeutil import facility_zone


def appointment_view(session: Session, row: Appointment) -> dict[str, Any]:
    """An appointment, and the outing the resident was signed out on for it (none once that outing is voided)."""
    left = row.outing_uid is not None and row.outing_uid in outings_in_force(session, [row.outing_uid])
    return {
        **{c.key: getattr(row, c.key) for c in Appointment.__table__.columns},
        "booked_by": staff_names(session, {row.booked_by_id}).get(row.booked_by_id),
        "outing_uid": row.outing_uid if left else None,
        "left_at": row.left_at if left else None,
        "back_at": returns_of(session, [row.outing_uid]).get(row.outing_uid) if left else None,
    }


def book_appointment(session: Session, actor: Actor, cmd: dict[str, Any], now: datetime) -> tuple[dict, bool]:
    """An appointment outside the unit (case manager, nurse): an `appointment.booked` event at the server's time."""
    data = {k: cmd[k] for k in ("starts_at", "provider", "place", "escort_needed", "transport_needed")}
    _event, is_new = record_about_resident(
        session, actor, cmd, APPOINTMENT_BOOKED, "casework.appointment.book", lambda _r: data, now, occurred_at=now
    )
    row = session.scalar(select(Appointment).where(Appointment.uid == str(cmd["uid"])))
    return appointment_view(session, row), is_new


def plan_view(session: Session, row: DischargePlan) -> dict[str, Any]:
    aftercare = (
        {"provider": row.aftercare_provider, "starts_at": row.aftercare_starts_at} if row.aftercare_provider else None
    )
    starts_on = row.aftercare_starts_at.astimezone(facility_zone()).date() if row.aftercare_starts_at else None
    return {
        **{c.key: getattr(row, c.key) for c in DischargePlan.__table__.columns},
        "aftercare": aftercare,
        "revised_by": staff_names(session, {row.revised_by_id}).get(row.revised_by_id),
        "aftercare_within_7_days": aftercare_in_time(row.planned_on, starts_on),
    }


def plan_discharge(
    session: Session, actor: Actor, resident_id: int, cmd: dict[str, Any], now: datetime
) -> dict[str, Any]:
    """A new revision of the discharge plan (case manager): planned day, destination, aftercare, checklist."""
    body = {"resident_id": resident_id, **cmd}
    data = {k: cmd.get(k) for k in ("planned_on", "destination", "aftercare", "checklist")}
    record_about_resident(
        session, actor, body, DISCHARGE_PLANNED, "casework.discharge.plan", lambda _r: data, now, occurred_at=now
    )
    return plan_view(session, session.scalar(select(DischargePlan).where(DischargePlan.uid == str(cmd["uid"]))))


def plan_in_force(session: Session, resident_id: int) -> DischargePlan | None:
    """The latest revision of the resident's discharge plan."""
    return session.scalar(
        select(DischargePlan).where(DischargePlan.resident_id == resident_id).order_by(DischargePlan.revision.desc())
    )


def record_follow_up(
    session: Session, actor: Actor, resident_id: int, cmd: dict[str, Any], now: datetime
) -> tuple[FollowUp, bool]:
    """A follow-up after discharge (case manager): only for a discharged resident of the caller's units."""
    require(actor, "casework.follow_up.record")
    resident = resident_for(session, actor, resident_id)
    body = {"resident_id": resident.id, **cmd}
    if (prior := find_replay(session, cmd["uid"], body, FOLLOWED_UP)) is not None:
        return session.scalar(select(FollowUp).where(FollowUp.uid == prior.uid)), False
    if resident.discharged_at is None:
        raise Invalid.field("resident_id", "the resident is still in care: a follow-up comes after discharge")
    if cmd["occurred_at"] < resident.discharged_at:
        raise Invalid.field("occurred_at", "is before the discharge")
    data = {"kind": cmd["kind"], "note": cmd.get("note")}
    new = NewEvent(FOLLOWED_UP, cmd["uid"], resident.unit_id, resident.id, cmd["occurred_at"], data, body)
    record(session, actor, new, now, admitted_at=resident.admitted_at)
    return session.scalar(select(FollowUp).where(FollowUp.uid == str(cmd["uid"]))), True


def transitions_report(session: Session, actor: Actor, query: dict[str, Any]) -> dict[str, Any]:
    """GET /reports/transitions: the unit's discharges in [from, to) and their aftercare, follow-ups, referrals."""
    require(actor, "reports.transitions")
    unit = unit_for(session, actor, query["unit_id"])
    start, end = query["from_"], query["to"]
    record_access(session, actor.id, "read:report:transitions", target=f"unit:{unit.id}")
    left = list(
        session.scalars(
            select(Resident).where(
                Resident.unit_id == unit.id, Resident.discharged_at >= start, Resident.discharged_at < end
            )
        )
    )
    discharges = []
    for r in left:
        plan = session.scalar(
            select(DischargePlan)
            .where(DischargePlan.resident_id == r.id, DischargePlan.revised_at <= r.discharged_at)
            .order_by(DischargePlan.revision.desc())
        )
        reached = session.scalars(
            select(FollowUp.occurred_at).where(FollowUp.resident_id == r.id, FollowUp.kind.in_(REACHED))
        )
        discharges.append(Discharge(r.id, r.discharged_at, plan.aftercare_starts_at if plan else None, tuple(reached)))
    spans = [
        ReferralSpan(f.sent_at, f.answered_at, f.closed_at, f.outcome)
        for f in session.scalars(select(Referral).where(Referral.unit_id == unit.id))
    ]
    return transitions(discharges, spans, start, end)
