"""Demo incident: one moderate report submitted a little while ago, waiting for a nurse's review (nothing running)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.census.models import Resident, Unit
from facility.incidents.models import Incident
from facility.incidents.services import file_incident

# Before the demo is loaded (the demo residents arrived two hours before it at the latest); it is filed at load.
HAPPENED_AGO, TOLD_AGO = timedelta(minutes=50), timedelta(minutes=45)


def load(session: Session, now: datetime) -> None:
    """Add the demo report — except under test, where every alert id and count is the test's own."""
    if not current_app.config.get("TESTING"):
        file_demo_incident(session, now)


def file_demo_incident(session: Session, now: datetime) -> Incident | None:
    """worker1 files a moderate verbal-aggression report on North: de-escalated, no restraint, review pending."""
    worker = session.scalar(select(User).where(User.username == "worker1"))
    nurse = session.scalar(select(User).where(User.username == "nurse1"))
    unit = session.scalar(select(Unit).where(Unit.name == "North"))
    if worker is None or unit is None:
        return None
    residents = list(session.scalars(select(Resident).where(Resident.unit_id == unit.id).order_by(Resident.id)))
    if len(residents) < 9:
        return None
    happened = now - HAPPENED_AGO
    incident, _new = file_incident(
        session,
        worker,
        {
            "uid": str(uuid.uuid4()),
            "unit_id": unit.id,
            "status": "submitted",
            "occurred_at": happened,
            "location": "dayroom",
            "resident_ids": [residents[8].id, residents[2].id],
            "staff_ids": [worker.id] + ([nurse.id] if nurse is not None else []),
            "category": "verbal_aggression",
            "severity": "moderate",
            "antecedent": "asked to turn the music down at quiet time",
            "behavior": "shouted and threatened a peer, stood over him with fists clenched",
            "consequence": "moved to a quiet corner, apologised to the peer twenty minutes later",
            "interventions": ["verbal_deescalation", "offered_choices", "reduced_stimulation", "prn_offered"],
            "notifications": [
                {"whom": "nurse_supervisor", "name": "Nell Norris", "at": now - TOLD_AGO, "method": "in_person"}
            ],
            "narrative": (
                "He raised his voice when asked to lower the music and threatened a peer. Staff spoke calmly, "
                "offered a walk or his room, turned the television off and offered the PRN, which he declined. "
                "He settled within ten minutes; no contact, no injury."
            ),
        },
        now,
    )
    return incident
