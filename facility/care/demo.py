"""Demo daily care on North: a few ADL records, goals with a progress note, a consent, one resident on an outing."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.care.outings import sign_out
from facility.care.services import record_adl, record_consent, set_goal, write_note
from facility.census.models import Resident, Unit

GOALS = [
    (0, "Use a coping skill from the safety plan when distressed, at least once a day"),
    (3, "Take part in two groups a day"),
    (5, "Keep a regular sleep routine: in bed by 23:00 on five nights of seven"),
]
# (resident's place on North, minutes ago, ADL fields) — no meal under 25 %: the demo opens without poor_intake.
ADL = [
    (1, 70, {"activity": "hygiene", "support": "independent"}),
    (
        2,
        50,
        {"activity": "meal", "support": "limited_assist", "meal": "breakfast", "percent_eaten": 75, "fluids_ml": 200},
    ),
    (4, 40, {"activity": "dressing", "support": "supervision"}),
    (6, 30, {"activity": "fluids", "support": "independent", "fluids_ml": 250}),
]
# Out 20 minutes ago with an escort, back in over two hours: the board shows them off the unit, nothing overdue.
OUTING = (10, {"destination": "community library", "vehicle": "unit van"})


def _uid() -> str:
    return str(uuid.uuid4())


def load(session: Session, now: datetime) -> None:
    """Enter the demo care records as nurse1 and worker1 would (both work on North)."""
    unit = session.scalar(select(Unit).where(Unit.name == "North"))
    nurse = session.scalar(select(User).where(User.username == "nurse1"))
    worker = session.scalar(select(User).where(User.username == "worker1"))
    if unit is None or nurse is None or worker is None:
        return
    north = list(session.scalars(select(Resident).where(Resident.unit_id == unit.id).order_by(Resident.id)))
    if len(north) <= OUTING[0]:
        return
    goals = {
        place: set_goal(session, nurse, north[place].id, {"uid": _uid(), "text": text}, now)[0] for place, text in GOALS
    }
    for place, minutes, fields in ADL:
        at = now - timedelta(minutes=minutes)
        record_adl(session, worker, {"uid": _uid(), "resident_id": north[place].id, "occurred_at": at, **fields}, at)
    at = now - timedelta(minutes=25)
    write_note(
        session,
        worker,
        {
            "uid": _uid(),
            "resident_id": north[0].id,
            "occurred_at": at,
            "mood": "anxious",
            "engagement": "partial",
            "goal_ids": [goals[0]["id"]],
            "text": "Used the breathing exercise before lunch after a phone call upset her.",
        },
        at,
    )
    record_consent(
        session,
        nurse,
        north[0].id,
        {
            "uid": _uid(),
            "contact_name": "Maria Reyes",
            "relationship": "sister",
            "scope": "general_updates",
            "expires_on": (now + timedelta(days=180)).date(),
        },
        now,
    )
    place, fields = OUTING
    at = now - timedelta(minutes=20)
    sign_out(
        session,
        worker,
        {
            "uid": _uid(),
            "resident_id": north[place].id,
            "occurred_at": at,
            "escort_id": worker.id,
            "expected_return_at": now + timedelta(minutes=160),
            **fields,
        },
        at,
    )
