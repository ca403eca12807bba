"""Adapters between the store and the pure case-management rules: keep the projections, gather state, call rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facility.casework.codes import ANSWER_STATUSES, DISCHARGE_PLANNED, FINAL_STATUSES, SENT
from facility.casework.models import (
    Appointment,
    CaseManager,
    DischargePlan,
    FollowUp,
    NeedsAssessment,
    Referral,
    ReferralStep,
    Resource,
)
from facility.casework.rules import (
    LastAssessment,
    Outcome,
    SentReferral,
    assessed,
    review_outcomes,
    stale_outcomes,
    step_outcomes,
)
from facility.casework.transitions import PlannedDischarge, aftercare_outcomes, without_aftercare_condition
from facility.census.models import Resident
from facility.outcomes import Resolve
from facility.records.codes import VOIDED
from facility.records.log import corrections_of, effective_data
from facility.records.models import Event
from facility.timeutil import facility_zone


def on_case_manager(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """The resident's primary case manager is now the one the record names."""
    row = session.get(CaseManager, record.resident_id)
    if row is None:
        row = CaseManager(resident_id=record.resident_id)
        session.add(row)
    row.user_id, row.assigned_by_id, row.assigned_at = record.data["user_id"], record.actor_id, record.occurred_at
    session.flush()
    return []


def data_in_force(session: Session, uid: str) -> dict[str, Any] | None:
    """The data in force of the record uid (None once voided): a correctable record's row follows it."""
    event = session.scalar(select(Event).where(Event.uid == str(uid)))
    return effective_data(event, corrections_of(session, [event.uid]).get(event.uid, []))


def _row(session: Session, model: type, record: Any, data: dict[str, Any] | None, **first: Any) -> Any:
    """The projection row of a correctable record: made on first sight, gone once the record is voided (None)."""
    row = session.scalar(select(model).where(model.uid == record.uid))
    if data is None:
        if row is not None:
            session.delete(row)
            session.flush()
        return None
    if row is None:
        row = model(uid=record.uid, resident_id=record.resident_id, **first)
        session.add(row)
    return row


def on_needs(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A needs assessment (or its correction) joins the resident's history and clears a review that was due."""
    data = data_in_force(session, record.uid)
    row = _row(session, NeedsAssessment, record, data, assessed_by_id=record.actor_id, assessed_at=record.occurred_at)
    if row is None:
        return []
    row.rater, row.ratings, row.note = data["rater"], data["ratings"], data.get("note")
    session.flush()
    return assessed(record.resident_id)


def on_referral_made(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A new referral, a draft until it is sent."""
    data = record.data
    session.add(
        Referral(
            uid=record.uid,
            resident_id=record.resident_id,
            unit_id=record.unit_id,
            resource_id=data["resource_id"],
            need=data["need"],
            reason=data["reason"],
            consent_uid=data["consent_uid"],
            status="draft",
            made_by_id=record.actor_id,
            made_at=record.occurred_at,
        )
    )
    session.flush()
    return []


def on_referral_step(session: Session, record: Any, now: datetime) -> list[Outcome]:
    """A step moves the referral on and is kept as one line of its timeline; an answer clears referral_stale."""
    data = record.data
    referral = session.scalar(select(Referral).where(Referral.uid == data["referral_uid"]))
    status = data["status"]
    referral.status, referral.outcome = status, data.get("outcome")
    if status == SENT:
        referral.sent_at = record.occurred_at
    if status in ANSWER_STATUSES and referral.answered_at is None:
        referral.answered_at = record.occurred_at
    if status in FINAL_STATUSES:
        referral.closed_at = record.occurred_at
    session.add(
        ReferralStep(
            uid=record.uid,
            referral_id=referral.id,
            status=status,
            outcome=data.get("outcome"),
            note=data.get("note"),
            actor_id=record.actor_id,
            occurred_at=record.occurred_at,
            recorded_at=now,
        )
    )
    session.flush()
    return step_outcomes(referral.uid, status)


def sweep_stale_referrals(session: Session, now: datetime) -> list[Outcome]:
    """referral_stale for every referral of a resident in care sent REFERRAL_STALE_DAYS ago and still unanswered."""
    stale_after = timedelta(days=current_app.config.get("REFERRAL_STALE_DAYS", 7))
    rows = session.execute(
        select(Referral, Resident, Resource.name)
        .join(Resident, Referral.resident_id == Resident.id)
        .join(Resource, Referral.resource_id == Resource.id)
        .where(Referral.status == SENT, Referral.sent_at <= now - stale_after, Resident.discharged_at.is_(None))
    ).all()
    waiting = [SentReferral(f.uid, r.unit_id, r.id, r.display_name, name, f.sent_at) for f, r, name in rows]
    return stale_outcomes(waiting, now, stale_after)


def sweep_needs_reviews(session: Session, now: datetime) -> list[Outcome]:
    """needs_review_due for every resident in care whose needs were last assessed 90 days ago or more."""
    last = (
        select(NeedsAssessment.resident_id, func.max(NeedsAssessment.assessed_at).label("at"))
        .group_by(NeedsAssessment.resident_id)
        .subquery()
    )
    rows = session.execute(
        select(Resident, last.c.at)
        .join(last, last.c.resident_id == Resident.id)
        .where(Resident.discharged_at.is_(None))
    ).all()
    facts = [LastAssessment(r.unit_id, r.id, r.display_name, as_utc(at)) for r, at in rows]
    return review_outcomes(facts, now)


def as_utc(value: Any) -> datetime:
    """A max() over a UTC column comes back as stored: SQLite gives text or a naive time, both UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def on_appointment(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """An appointment (or its correction) in the resident's calendar: the caseload, the case page, the floor."""
    data = data_in_force(session, record.uid)
    row = _row(
        session,
        Appointment,
        record,
        data,
        unit_id=record.unit_id,
        booked_by_id=record.actor_id,
        booked_at=record.occurred_at,
    )
    if row is not None:
        row.starts_at, row.provider, row.place = _instant(data["starts_at"]), data["provider"], data["place"]
        row.escort_needed, row.transport_needed = data["escort_needed"], data["transport_needed"]
        session.flush()
    return []


# Care's sign-out kind, named here as the registry knows it (a leaf domain imports no other).
OUTING_SIGNED_OUT = "outing.signed_out"


def on_outing(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A resident signed out for an appointment (care's outing naming it): the appointment was left for then. An
    amended sign-out moves or drops the link; a voided one is read as no outing (see `outings_in_force`)."""
    for row in session.scalars(select(Appointment).where(Appointment.outing_uid == record.uid)):
        row.outing_uid = row.left_at = None
    named = (record.data or {}).get("appointment_uid")
    if named:
        row = session.scalar(
            select(Appointment).where(Appointment.uid == str(named), Appointment.resident_id == record.resident_id)
        )
        if row is not None:
            row.outing_uid, row.left_at = record.uid, record.occurred_at
    session.flush()
    return []


def outings_in_force(session: Session, outing_uids: list[str]) -> set[str]:
    """Of these outings, those not voided."""
    corrections = corrections_of(session, [u for u in outing_uids if u])
    return {u for u in outing_uids if u and not (corrections.get(u) and corrections[u][-1].kind == VOIDED)}


# Care's sign-in of a resident back from an outing, read from the record: its data names the outing.
OUTING_RETURNED = "outing.returned"


def returns_of(session: Session, outing_uids: list[str]) -> dict[str, datetime]:
    """When the resident came back from each of these outings, as the sign-in (not voided) says; absent if not yet."""
    uids = [u for u in outing_uids if u]
    if not uids:
        return {}
    rows = list(
        session.scalars(
            select(Event).where(Event.kind == OUTING_RETURNED, Event.data["outing_uid"].as_string().in_(uids))
        )
    )
    in_force = outings_in_force(session, [r.uid for r in rows])
    return {r.data["outing_uid"]: r.occurred_at for r in rows if r.uid in in_force}


def on_discharge_plan(session: Session, record: Any, now: datetime) -> list[Outcome]:
    """A revision of the discharge plan (or its correction); whether aftercare is missing is read again at once."""
    data = data_in_force(session, record.uid)
    row = _row(
        session,
        DischargePlan,
        record,
        data,
        revision=_revision(session, record),
        revised_by_id=record.actor_id,
        revised_at=record.occurred_at,
    )
    if row is not None:
        aftercare = data.get("aftercare") or {}
        row.planned_on, row.destination = _day(data["planned_on"]), data["destination"]
        row.aftercare_provider = aftercare.get("provider")
        row.aftercare_starts_at = _instant(aftercare["starts_at"]) if aftercare else None
        row.checklist = data["checklist"]
        session.flush()
    resident = session.get(Resident, record.resident_id)
    if session.scalar(select(DischargePlan.id).where(DischargePlan.resident_id == resident.id).limit(1)) is None:
        return [Resolve(without_aftercare_condition(resident.id), "no discharge plan in force")]
    return aftercare_outcomes([_planned(session, resident)], now.astimezone(facility_zone()).date())


def _revision(session: Session, record: Any) -> int:
    """A plan's revision number: its place among the resident's revisions in the order they were stored (a voided
    one keeps its number, so numbers never repeat)."""
    stored = select(Event.id).where(Event.uid == record.uid).scalar_subquery()
    return session.scalar(
        select(func.count(Event.id)).where(
            Event.kind == DISCHARGE_PLANNED, Event.resident_id == record.resident_id, Event.id <= stored
        )
    )


def on_follow_up(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A follow-up after discharge (or its correction)."""
    data = data_in_force(session, record.uid)
    row = _row(session, FollowUp, record, data, recorded_by_id=record.actor_id, occurred_at=record.occurred_at)
    if row is not None:
        row.kind, row.note = data["kind"], data.get("note")
        session.flush()
    return []


def _planned(session: Session, resident: Resident) -> PlannedDischarge:
    plan = session.scalar(
        select(DischargePlan).where(DischargePlan.resident_id == resident.id).order_by(DischargePlan.revision.desc())
    )
    zone = facility_zone()
    starts_on = plan.aftercare_starts_at.astimezone(zone).date() if plan.aftercare_starts_at else None
    return PlannedDischarge(resident.unit_id, resident.id, resident.display_name, plan.planned_on, starts_on)


def sweep_aftercare(session: Session, now: datetime) -> list[Outcome]:
    """discharge_without_aftercare for every resident in care whose plan in force discharges them within 2 days with
    no aftercare appointment within 7 days after; cleared once they have one."""
    residents = session.scalars(
        select(Resident)
        .where(Resident.discharged_at.is_(None))
        .where(Resident.id.in_(select(DischargePlan.resident_id)))
    )
    plans = [_planned(session, r) for r in residents]
    return aftercare_outcomes(plans, now.astimezone(facility_zone()).date())


def _instant(value: Any) -> datetime:
    return as_utc(value) if isinstance(value, str) else value


def _day(value: Any) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value
