"""Demo clinical work on North: clinician1's PHQ-9 and GAD-7 histories that show a trend for a few residents.

The demo's residents arrived shortly before it loads and nothing is recorded before an admission, so each history
is spread over the stay so far. No answer to PHQ-9 item 9 is positive: the demo opens without a safety alarm.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.census.models import Resident, Unit
from facility.clinical.services import administer

# (resident's place on North, instrument, totals oldest first): improving, worsening, easing, steady.
HISTORIES = [
    (0, "phq9", (19, 15, 12)),
    (0, "gad7", (14, 11, 9)),
    (5, "phq9", (14, 17, 21)),
    (8, "gad7", (16, 12, 8)),
    (11, "phq9", (9, 8)),
]
ITEMS = {"phq9": 9, "gad7": 7}
LEAVE_OUT = {"phq9": 9}  # item 9 stays 0 in the demo


def answers_for(instrument: str, total: int) -> dict[str, int]:
    """Answers of 0–3 summing to total, spread over the items (the item left out of the demo's alarm stays 0)."""
    items = [n for n in range(1, ITEMS[instrument] + 1) if n != LEAVE_OUT.get(instrument)]
    answers = {str(n): 0 for n in range(1, ITEMS[instrument] + 1)}
    left = total
    while left:
        for n in items:
            if left and answers[str(n)] < 3:
                answers[str(n)] += 1
                left -= 1
    return answers


def load(session: Session, now: datetime) -> None:
    """Enter the histories as clinician1 would have, each administration spread over the resident's stay."""
    unit = session.scalar(select(Unit).where(Unit.name == "North"))
    clinician = session.scalar(select(User).where(User.username == "clinician1"))
    if unit is None or clinician is None:
        return
    north = list(session.scalars(select(Resident).where(Resident.unit_id == unit.id).order_by(Resident.id)))
    for place, instrument, totals in HISTORIES:
        if place >= len(north):
            continue
        resident = north[place]
        stay = now - resident.admitted_at
        for k, total in enumerate(totals):
            at = resident.admitted_at + stay * (k + 1) / (len(totals) + 1)
            body = {
                "uid": str(uuid.uuid4()),
                "resident_id": resident.id,
                "occurred_at": at,
                "instrument": instrument,
                "answers": answers_for(instrument, total),
                "informant": "resident",
            }
            administer(session, clinician, body, at)
