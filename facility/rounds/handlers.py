"""Adapters between the store and the pure rounds rules: gather state, call the rule."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.alerts.models import Alert
from facility.census.models import Resident
from facility.rounds.assignments import assigned_at
from facility.rounds.codes import not_seen_reason
from facility.rounds.rules import CheckFacts, Outcome, ResidentRounds, check_outcomes, overdue_outcomes
from facility.rounds.state import round_states
from facility.timeutil import facility_zone


def grace() -> timedelta:
    """How long after due a missed check becomes an alert (ROUNDS_GRACE_MINUTES)."""
    return timedelta(minutes=current_app.config.get("ROUNDS_GRACE_MINUTES", 2))


def on_check(session: Session, event: Any, now: datetime) -> list[Outcome]:
    """The alerts a stored `rounds.check` raises and clears."""
    resident = session.get(Resident, event.resident_id)
    data = event.data
    reason = not_seen_reason(data["location"], data["state"], data.get("breathing_observed"))
    state = round_states(session, [resident], now)[resident.id].with_check(event.occurred_at, reason)
    facts = CheckFacts(
        event.uid,
        event.unit_id,
        resident.id,
        resident.display_name,
        event.occurred_at,
        data["location"],
        data["state"],
        data.get("breathing_observed"),
    )
    return check_outcomes(facts, state, now, grace())


def sweep_overdue(session: Session, now: datetime) -> list[Outcome]:
    """`check_overdue` over every resident on every unit; resolves the ones that no longer hold."""
    residents = list(session.scalars(select(Resident).where(Resident.discharged_at.is_(None))))
    states = round_states(session, residents, now)
    assigned = assigned_at(session, sorted({r.unit_id for r in residents}), now)
    rounds = [
        ResidentRounds(r.id, r.unit_id, r.display_name, states[r.id], assigned[r.id].name if r.id in assigned else None)
        for r in residents
    ]
    open_conditions = set(
        session.scalars(select(Alert.condition).where(Alert.kind == "check_overdue", Alert.resolved_at.is_(None)))
    )
    zone = facility_zone()
    return overdue_outcomes(rounds, open_conditions, now, grace(), zone)
