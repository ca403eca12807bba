"""Adapters between the store and the pure care rules: keep projections, gather state, call the rule."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from facility.care.models import Meal, Outing
from facility.care.projection import project_consent, project_meal, project_outing, project_return
from facility.care.rules import MealFact, Outcome, OutFact, intake_outcomes, return_outcomes, returned
from facility.census.models import Resident
from facility.domain import Absence
from facility.goals.store import project_floor_goal
from facility.timeutil import facility_zone

# Meals further back than this do not make "two in a row" with today's.
INTAKE_LOOKBACK = timedelta(days=2)


def recent_meals(session: Session, resident_id: int, until: datetime) -> list[MealFact]:
    """The resident's meals in force of the two days up to until."""
    rows = session.scalars(
        select(Meal).where(
            Meal.resident_id == resident_id, Meal.occurred_at > until - INTAKE_LOOKBACK, Meal.occurred_at <= until
        )
    )
    return [MealFact(m.uid, m.occurred_at, m.meal, m.percent_eaten) for m in rows]


def _intake(session: Session, resident_id: int, now: datetime) -> list[Outcome]:
    resident = session.get(Resident, resident_id)
    last = session.scalar(
        select(Meal.occurred_at).where(Meal.resident_id == resident_id).order_by(Meal.occurred_at.desc()).limit(1)
    )
    return intake_outcomes(
        resident.unit_id, resident.id, resident.display_name, recent_meals(session, resident_id, last or now)
    )


def on_adl(session: Session, record: Any, now: datetime) -> list[Outcome]:
    """A meal (or its correction) updates the meal history and the resident's poor_intake."""
    had_meal = session.scalar(select(Meal.id).where(Meal.uid == record.uid)) is not None
    if project_meal(session, record.uid) is None and not had_meal:
        return []
    return _intake(session, record.resident_id, now)


def on_adl_corrected(session: Session, record: Any, now: datetime) -> list[Outcome]:
    """A voided or amended meal leaves the history; the streak is read again without it."""
    project_meal(session, record.uid)
    return _intake(session, record.resident_id, now)


def on_goal(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A goal set from the floor (or its correction) is a row of the plan's goal table."""
    project_floor_goal(session, record.uid)
    return []


def on_consent(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    project_consent(session, record.uid)
    return []


def on_signed_out(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A sign-out (or its correction) updates the outings; the sweep watches its return."""
    project_outing(session, record.uid)
    return []


def on_returned(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A sign-in ends the outing and clears its overdue alerts."""
    outing = project_return(session, record.uid)
    return returned(outing.uid) if outing is not None and outing.return_uid == record.uid else []


def on_return_corrected(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A voided sign-in puts the resident back out (the sweep may find them overdue again)."""
    project_return(session, record.uid)
    return []


def sweep_returns(session: Session, now: datetime) -> list[Outcome]:
    """return_overdue for every resident still signed out past their expected return."""
    rows = session.execute(
        select(Outing, Resident)
        .join(Resident, Outing.resident_id == Resident.id)
        .where(
            Outing.returned_at.is_(None),
            Outing.voided.is_(False),
            Outing.expected_return_at < now,
            Resident.discharged_at.is_(None),
        )
    ).all()
    out = [
        OutFact(o.uid, r.unit_id, r.id, r.display_name, o.destination, o.expected_return_at, o.escort_id is not None)
        for o, r in rows
    ]
    return return_outcomes(out, now, facility_zone())


def absences(session: Session, resident_ids: list[int], start: datetime, end: datetime) -> list[Absence]:
    """The outings of these residents overlapping [start, end); escorted when a staff member went along."""
    rows = session.scalars(
        select(Outing).where(
            Outing.resident_id.in_(resident_ids),
            Outing.voided.is_(False),
            Outing.started_at < end,
            or_(Outing.returned_at.is_(None), Outing.returned_at > start),
        )
    )
    tz = facility_zone()
    return [
        Absence(
            o.resident_id,
            o.started_at,
            o.returned_at,
            o.escort_id is not None,
            f"outing: {o.destination}, back {o.expected_return_at.astimezone(tz):%H:%M}",
        )
        for o in rows
    ]
