"""Demo medication orders for some residents of the demo facility (called by the demo loader)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.census.models import Resident, Unit
from facility.medobs.services import order_medication
from facility.timeutil import facility_zone

# (unit, resident's place on the unit, hours after the first dose, order). The first dose is 45-60 minutes
# after the demo is loaded: due now on the med pass, and no window closes (no dose_missed) for 100 minutes,
# whatever the time of day the demo is loaded.
ORDERS = [
    ("North", 0, (0,), {"medication": "sertraline", "strength": "50 mg", "dose": "1 tablet", "route": "oral"}),
    ("North", 1, (0, 12), {"medication": "olanzapine", "strength": "10 mg", "dose": "1 tablet", "route": "oral"}),
    (
        "North",
        3,
        (4, 16),
        {
            "medication": "lithium carbonate",
            "strength": "300 mg",
            "dose": "2 capsules",
            "route": "oral",
            "instructions": "with food and a full glass of water",
        },
    ),
    (
        "North",
        5,
        (),
        {
            "medication": "lorazepam",
            "strength": "1 mg",
            "dose": "1 tablet",
            "route": "oral",
            "prn": True,
            "prn_indication": "anxiety not eased by de-escalation",
            "prn_max_per_24h": 3,
        },
    ),
    ("North", 7, (8, 20), {"medication": "levetiracetam", "strength": "500 mg", "dose": "1 tablet", "route": "oral"}),
]
FIRST_DOSE_AFTER = timedelta(minutes=45)


def _first_dose(local_now: datetime) -> datetime:
    """45 to 60 minutes from now, on a quarter hour; late in the evening, the last quarter hour before now.

    Either way the dose is on today's med pass (a dose after midnight would be tomorrow's) with its window open
    for at least 45 minutes more.
    """
    at = (local_now + FIRST_DOSE_AFTER).replace(second=0, microsecond=0)
    at += timedelta(minutes=(-at.minute) % 15)
    if at.date() != local_now.date():
        at = local_now.replace(minute=local_now.minute - local_now.minute % 15, second=0, microsecond=0)
    return at


def load(session: Session, now: datetime) -> None:
    """Enter the demo orders as nurse1 would (the demo's one nurse works on North)."""
    local_now = now.astimezone(facility_zone())
    first = _first_dose(local_now)
    nurse = session.scalar(select(User).where(User.username == "nurse1"))
    for unit_name, place, offsets, order in ORDERS:
        unit = session.scalar(select(Unit).where(Unit.name == unit_name))
        residents = list(session.scalars(select(Resident).where(Resident.unit_id == unit.id).order_by(Resident.id)))
        if unit is None or place >= len(residents):
            continue
        order_medication(
            session,
            nurse,
            {
                "uid": str(uuid.uuid4()),
                "resident_id": residents[place].id,
                "start_date": local_now.date(),
                "times": sorted({f"{first + timedelta(hours=h):%H:%M}" for h in offsets}),
                **order,
            },
            now,
        )
