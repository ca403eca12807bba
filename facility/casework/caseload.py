"""A case manager's caseload and one resident's case, gathered for the API and the pages."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from facility import clock
from facility.actors import Actor
from facility.casework.codes import (
    CASELOAD_AFTER_DISCHARGE,
    NEED_DOMAINS,
    NEEDS_ASSESSED,
    OPEN_STATUSES,
    REACHED,
    REFERRAL_MADE,
    REFERRAL_STEP,
    RESIDENT,
    STAFF,
)
from facility.casework.discharge import appointment_view, plan_in_force, plan_view
from facility.casework.handlers import as_utc, outings_in_force, returns_of
from facility.casework.models import (
    Appointment,
    CaseManager,
    DischargePlan,
    FollowUp,
    NeedsAssessment,
    Referral,
    Resource,
)
from facility.casework.referrals import consents_for_referrals, referral_view
from facility.casework.rules import days_open, disagreements, review_due_at, unmet_needs
from facility.casework.services import case_manager_view
from facility.casework.transitions import aftercare_in_time
from facility.census.models import Resident
from facility.census.scope import resident_for
from facility.permissions import require, roles_for
from facility.records.audit import record_access
from facility.records.models import Event
from facility.timeutil import facility_zone

# What counts as a contact of the case manager with the resident (with the follow-ups that reached them).
CONTACT_KINDS = (NEEDS_ASSESSED, REFERRAL_MADE, REFERRAL_STEP)


def latest_needs(session: Session, resident_ids: list[int]) -> dict[tuple[int, str], NeedsAssessment]:
    """The last needs assessment of each resident by each rater."""
    found: dict[tuple[int, str], NeedsAssessment] = {}
    if not resident_ids:
        return found
    rows = session.scalars(
        select(NeedsAssessment)
        .where(NeedsAssessment.resident_id.in_(resident_ids))
        .order_by(NeedsAssessment.assessed_at, NeedsAssessment.id)
    )
    for row in rows:
        found[(row.resident_id, row.rater)] = row
    return found


def _last_contacts(session: Session, resident_ids: list[int]) -> dict[int, datetime]:
    if not resident_ids:
        return {}
    rows = session.execute(
        select(Event.resident_id, func.max(Event.occurred_at))
        .where(Event.resident_id.in_(resident_ids), Event.kind.in_(CONTACT_KINDS))
        .group_by(Event.resident_id)
    ).all()
    found = {rid: as_utc(at) for rid, at in rows}
    # After discharge the contact is the follow-up that reached the resident (a call that reached no one is not one).
    reached = session.execute(
        select(FollowUp.resident_id, func.max(FollowUp.occurred_at))
        .where(FollowUp.resident_id.in_(resident_ids), FollowUp.kind.in_(REACHED))
        .group_by(FollowUp.resident_id)
    ).all()
    for rid, at in reached:
        found[rid] = max(found.get(rid, as_utc(at)), as_utc(at))
    return found


def _open_referrals(session: Session, resident_ids: list[int], now: datetime) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    if not resident_ids:
        return found
    rows = session.execute(
        select(Referral, Resource.name)
        .join(Resource, Referral.resource_id == Resource.id)
        .where(Referral.resident_id.in_(resident_ids), Referral.status.in_(OPEN_STATUSES))
        .order_by(Referral.made_at)
    ).all()
    for referral, organisation in rows:
        found.setdefault(referral.resident_id, []).append(
            {
                "id": referral.id,
                "status": referral.status,
                "days_open": days_open(referral.made_at, now),
                "organisation": organisation,
                "need": referral.need,
            }
        )
    return found


def _next_appointments(session: Session, resident_ids: list[int], now: datetime) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    if not resident_ids:
        return found
    rows = session.scalars(
        select(Appointment)
        .where(Appointment.resident_id.in_(resident_ids), Appointment.starts_at >= now)
        .order_by(Appointment.starts_at.desc())
    )
    for a in rows:  # latest first, so the soonest is written last
        found[a.resident_id] = {
            "id": a.id,
            "starts_at": a.starts_at.isoformat(),
            "provider": a.provider,
            "place": a.place,
            "escort_needed": a.escort_needed,
        }
    return found


def _planned_discharges(session: Session, resident_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Each resident's discharge plan in force (its latest revision), as the caseload shows it."""
    found: dict[int, dict[str, Any]] = {}
    if not resident_ids:
        return found
    zone = facility_zone()
    rows = session.scalars(
        select(DischargePlan).where(DischargePlan.resident_id.in_(resident_ids)).order_by(DischargePlan.revision)
    )
    for plan in rows:  # oldest revision first, so the one in force is written last
        starts_on = plan.aftercare_starts_at.astimezone(zone).date() if plan.aftercare_starts_at else None
        found[plan.resident_id] = {
            "planned_on": plan.planned_on.isoformat(),
            "destination": plan.destination,
            "aftercare_within_7_days": aftercare_in_time(plan.planned_on, starts_on),
        }
    return found


def _urgency(entry: dict[str, Any], now: datetime) -> tuple:
    """What needs doing first: a review due (or never assessed), then unmet needs, then the longest open referral."""
    review = entry["next_needs_review"]
    longest = max((r["days_open"] for r in entry["open_referrals"]), default=0)
    return (review is not None and review > now, -len(entry["unmet_needs"]), -longest, entry["display_name"])


def caseload(session: Session, actor: Actor, user_id: int | None, now: datetime) -> list[dict[str, Any]]:
    """The residents whose primary case manager is user_id (default: the caller), what needs doing first.

    A discharged resident stays on it 30 days for the follow-up; only residents of the caller's units are shown.
    """
    require(actor, "casework.caseload.read")
    whose = user_id or actor.id
    residents = list(
        session.scalars(
            select(Resident)
            .join(CaseManager, CaseManager.resident_id == Resident.id)
            .where(
                CaseManager.user_id == whose,
                Resident.unit_id.in_(actor.unit_ids),
                or_(Resident.discharged_at.is_(None), Resident.discharged_at >= now - CASELOAD_AFTER_DISCHARGE),
            )
        )
    )
    record_access(session, actor.id, "read:caseload", target=f"user:{whose}")
    ids = [r.id for r in residents]
    needs = latest_needs(session, ids)
    contacts = _last_contacts(session, ids)
    referrals = _open_referrals(session, ids, now)
    appointments = _next_appointments(session, ids, now)
    discharges = _planned_discharges(session, ids)
    entries = []
    for r in residents:
        rated = [needs.get((r.id, RESIDENT)), needs.get((r.id, STAFF))]
        last = max((n.assessed_at for n in rated if n is not None), default=None)
        review = review_due_at(last)
        entries.append(
            {
                "resident_id": r.id,
                "display_name": r.display_name,
                "unit_id": r.unit_id,
                "room": r.room,
                "discharged_at": r.discharged_at,
                "unmet_needs": unmet_needs(*(n.ratings for n in rated if n is not None)),
                "last_contact_at": contacts.get(r.id),
                "next_needs_review": review,
                "needs_review_overdue": review is None or review <= now,
                "open_referrals": referrals.get(r.id, []),
                "next_appointment": appointments.get(r.id),
                "planned_discharge": discharges.get(r.id),
            }
        )
    return sorted(entries, key=lambda e: _urgency(e, now))


# The case page lists the appointments of the last week too: whether the resident was signed out for them.
APPOINTMENTS_BACK = timedelta(days=7)


def case_of(session: Session, actor: Actor, resident_id: int, now: datetime) -> dict[str, Any]:
    """One resident's case: the case manager, needs side by side (disagreements marked), referrals with steps."""
    require(actor, "casework.read")
    resident = resident_for(session, actor, resident_id)
    record_access(session, actor.id, "read:case", target=f"resident:{resident.id}", resident_id=resident.id)
    needs = latest_needs(session, [resident.id])
    by_resident, by_staff = needs.get((resident.id, RESIDENT)), needs.get((resident.id, STAFF))
    ratings = [n.ratings if n else {} for n in (by_resident, by_staff)]
    differ = set(disagreements(*ratings))
    last = max((n.assessed_at for n in (by_resident, by_staff) if n is not None), default=None)
    manager = session.get(CaseManager, resident.id)
    rows = session.scalars(select(Referral).where(Referral.resident_id == resident.id).order_by(Referral.id.desc()))
    return {
        "resident": resident,
        "case_manager": case_manager_view(session, manager) if manager else None,
        "needs": [
            {"domain": d, "resident": ratings[0].get(d), "staff": ratings[1].get(d), "differ": d in differ}
            for d in NEED_DOMAINS
        ],
        "assessed": {RESIDENT: by_resident, STAFF: by_staff},
        "next_needs_review": review_due_at(last),
        "referrals": [referral_view(session, r, now) for r in rows],
        "appointments": [
            appointment_view(session, a)
            for a in session.scalars(
                select(Appointment)
                .where(Appointment.resident_id == resident.id, Appointment.starts_at >= now - APPOINTMENTS_BACK)
                .order_by(Appointment.starts_at)
            )
        ],
        "discharge_plan": plan_view(session, plan) if (plan := plan_in_force(session, resident.id)) else None,
        "follow_ups": list(
            session.scalars(select(FollowUp).where(FollowUp.resident_id == resident.id).order_by(FollowUp.occurred_at))
        ),
        "consents": consents_for_referrals(session, resident.id, now.astimezone(facility_zone()).date()),
        "resources": list(session.scalars(select(Resource).order_by(Resource.name_key))),
    }


def case_summary(session: Session, resident: Resident) -> dict[str, Any] | None:
    """What the floor needs of a resident's case (the resident detail and page): who manages it, the coming
    appointments with escort and transport, a planned discharge. None when there is no case yet."""
    manager = session.get(CaseManager, resident.id)
    coming = list(
        session.scalars(
            select(Appointment)
            .where(Appointment.resident_id == resident.id, Appointment.starts_at >= clock.now())
            .order_by(Appointment.starts_at)
            .limit(5)
        )
    )
    plan = plan_in_force(session, resident.id)
    left = outings_in_force(session, [a.outing_uid for a in coming if a.outing_uid])
    back = returns_of(session, list(left))
    if manager is None and not coming and plan is None:
        return None
    return {
        "case_manager": case_manager_view(session, manager)["name"] if manager else None,
        "appointments": [
            {
                "starts_at": a.starts_at.isoformat(),
                "provider": a.provider,
                "place": a.place,
                "escort_needed": a.escort_needed,
                "transport_needed": a.transport_needed,
                "left_at": a.left_at.isoformat() if a.outing_uid in left else None,
                "back_at": back[a.outing_uid].isoformat() if a.outing_uid in back else None,
            }
            for a in coming
        ],
        "planned_discharge": plan.planned_on.isoformat() if plan else None,
        "readers": [role.value for role in roles_for("casework.read")],
    }
