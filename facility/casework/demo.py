"""Demo case management on North: casemanager1's caseload, a directory of a dozen community resources, needs rated
by residents and by staff, consents naming organisations, and referrals in every state."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.casework.codes import CONSENT_KIND
from facility.casework.discharge import book_appointment, plan_discharge
from facility.casework.referrals import change_status, make_referral
from facility.casework.services import add_resource, assess_needs, assign_case_manager
from facility.census.models import Resident, Unit
from facility.census.writes import record_about_resident
from facility.timeutil import facility_zone, local_to_utc

RESOURCES = [
    ("Lighthouse Supported Housing", ["housing", "supported living"], "555-0101"),
    ("Harbor Street Shelter", ["housing", "emergency shelter"], "555-0102"),
    ("Eastside Benefits Clinic", ["income benefits", "legal aid"], "555-0103"),
    ("Riverbend Community Psychiatry", ["psychiatry", "medication management"], "555-0104"),
    ("Northgate Recovery Center", ["substance use", "peer support"], "555-0105"),
    ("Open Door Food Pantry", ["food"], "555-0106"),
    ("WorkBridge Vocational Services", ["employment", "education"], "555-0107"),
    ("Family Bridges Counselling", ["family therapy", "family"], "555-0108"),
    ("Metro Legal Aid Society", ["legal aid"], "555-0109"),
    ("County Paratransit", ["transport"], "555-0110"),
    ("Clubhouse on Fifth", ["daily activities", "social support", "peer support"], "555-0111"),
    ("Mercy Community Pharmacy", ["medication access", "pharmacy"], "555-0112"),
]

# (place on North, rater, ratings): residents and staff see some domains differently.
NEEDS = [
    (0, "resident", {"housing": "met", "income_benefits": "unmet", "mental_health": "met", "family": "unmet"}),
    (0, "staff", {"housing": "unmet", "income_benefits": "unmet", "mental_health": "unmet", "family": "unmet"}),
    (1, "resident", {"food": "unmet", "employment_education": "unmet", "transport": "no_need"}),
    (1, "staff", {"food": "unmet", "employment_education": "met", "transport": "unmet"}),
    (2, "staff", {"mental_health": "unmet", "medication_access": "unmet", "social_support": "unknown"}),
    (3, "resident", {"employment_education": "unmet", "daily_activities": "unmet"}),
    (4, "staff", {"substance_use": "unmet", "safety": "met", "legal": "unmet"}),
]

# (place, organisation, need, reason, the steps it has taken): referrals in every state. The third resident (place 2)
# has none: daily care's tests count that resident's consents.
REFERRALS = [
    (0, 0, "housing", "Needs a supported flat to go home to", ["sent"]),
    (0, 2, "income_benefits", "Disability benefit application lapsed during the admission", []),
    (1, 5, "food", "No food at home on discharge", ["sent", "declined"]),
    (1, 6, "employment_education", "Wants to return to part-time work", ["sent", "accepted"]),
    (3, 3, "mental_health", "Needs a community psychiatrist for follow-up", ["sent", "waitlisted"]),
    (4, 4, "substance_use", "Asked for help to stay sober after discharge", ["sent", "accepted", "completed"]),
    (5, 10, "daily_activities", "Was referred in error: already a member", ["sent", "canceled"]),
]


def _uid() -> str:
    return str(uuid.uuid4())


def load(session: Session, now: datetime) -> None:
    """Enter the demo's case management as lead1, nurse1 and casemanager1 would (all of North)."""
    unit = session.scalar(select(Unit).where(Unit.name == "North"))
    users = {u.username: u for u in session.scalars(select(User))}
    cm, lead, nurse = users.get("casemanager1"), users.get("lead1"), users.get("nurse1")
    if unit is None or cm is None or lead is None or nurse is None:
        return
    # Residents 2–7 of North: the first resident's records are daily care's demonstration.
    north = list(session.scalars(select(Resident).where(Resident.unit_id == unit.id).order_by(Resident.id)))[1:7]
    if len(north) < 6:
        return
    start = max(r.admitted_at for r in north) + timedelta(minutes=5)  # every record after the admissions
    for resident in north:
        assign_case_manager(session, lead, resident.id, {"user_id": cm.id}, start)
    resources = [
        add_resource(session, cm, {"uid": _uid(), "name": name, "service_types": types, "phone": phone}, start)[0]
        for name, types, phone in RESOURCES
    ]
    at = start + timedelta(minutes=5)
    for place, rater, ratings in NEEDS:
        body = {"uid": _uid(), "occurred_at": at, "rater": rater, "ratings": ratings}
        assess_needs(session, cm, north[place].id, body, at)
    steps_at = [start + timedelta(minutes=m) for m in (15, 25, 35)]
    for place, which, need, reason, steps in REFERRALS:
        resident, resource = north[place], resources[which]
        consent = {
            "uid": _uid(),
            "resident_id": resident.id,
            "contact_name": resource.name,
            "relationship": "community service",
            "scope": "treatment_information",
            "expires_on": (now + timedelta(days=365)).date(),
        }
        # The resident's consent, put on file by the nurse through daily care's own record kind.
        record_about_resident(
            session,
            nurse,
            consent,
            CONSENT_KIND,
            "care.consent.record",
            lambda _r, c=consent: _consent(c),
            at,
            occurred_at=at,
        )
        body = {"uid": _uid(), "resident_id": resident.id, "resource_id": resource.id, "need": need, "reason": reason}
        referral, _new = make_referral(session, cm, {**body, "consent_uid": consent["uid"]}, at)
        for status, when in zip(steps, steps_at):
            step = {"uid": _uid(), "occurred_at": when, "status": status}
            if status == "completed":
                step["outcome"] = "partly_met"
            change_status(session, cm, referral.id, step, when)
    load_calendar(session, cm, north, now)


def _consent(body: dict) -> dict:
    return {name: body[name] for name in ("contact_name", "relationship", "scope", "expires_on")}


def load_calendar(session: Session, cm: User, north: list[Resident], now: datetime) -> None:
    """An appointment tomorrow at 14:00 that needs an escort, and a planned discharge with aftercare booked."""
    zone = facility_zone()
    tomorrow = now.astimezone(zone).date() + timedelta(days=1)
    appointment = {
        "uid": _uid(),
        "resident_id": north[0].id,
        "starts_at": local_to_utc(tomorrow, time(14, 0), zone),
        "provider": "Dr Patel",
        "place": "Riverbend Community Psychiatry, 40 Mill Street",
        "escort_needed": True,
        "transport_needed": True,
    }
    book_appointment(session, cm, appointment, now)
    # One today as well, later in the day (never past midnight): the floor's board and care page show it.
    later = (now + timedelta(hours=2)).astimezone(zone).replace(minute=0, second=0, microsecond=0)
    today = {
        "uid": _uid(),
        "resident_id": north[5].id,
        "starts_at": min(later.astimezone(UTC), local_to_utc(tomorrow, time(0), zone) - timedelta(minutes=1)),
        "provider": "Dr Okafor",
        "place": "Harbor Dental Clinic, 12 Quay Road",
        "escort_needed": True,
        "transport_needed": False,
    }
    book_appointment(session, cm, today, now)
    planned_on = tomorrow + timedelta(days=9)
    plan = {
        "uid": _uid(),
        "planned_on": planned_on,
        "destination": "Lighthouse Supported Housing, flat 3",
        "aftercare": {
            "provider": "Northgate Recovery Center",
            "starts_at": local_to_utc(planned_on + timedelta(days=3), time(10), zone),
        },
        "checklist": {
            "housing_confirmed": True,
            "medications_arranged": False,
            "crisis_plan_given": False,
            "family_informed": True,
        },
    }
    plan_discharge(session, cm, north[4].id, plan, now)
