"""Demo medication orders for some residents of the demo facility (called by the demo loader)."""
from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.census.models import Resident, Unit
from facility.medobs.services import order_medication

# (unit, resident's place on the unit, order) — scheduled orders start today, so no earlier dose is "missed".
ORDERS = [
    ("North", 0, {"medication": "sertraline", "strength": "50 mg", "dose": "1 tablet", "route": "oral",
                  "times": ["08:00"]}),
    ("North", 1, {"medication": "olanzapine", "strength": "10 mg", "dose": "1 tablet", "route": "oral",
                  "times": ["08:00", "20:00"]}),
    ("North", 3, {"medication": "lithium carbonate", "strength": "300 mg", "dose": "2 capsules", "route": "oral",
                  "times": ["08:00", "20:00"], "instructions": "with food and a full glass of water"}),
    ("North", 5, {"medication": "lorazepam", "strength": "1 mg", "dose": "1 tablet", "route": "oral", "prn": True,
                  "prn_indication": "anxiety not eased by de-escalation", "prn_max_per_24h": 3}),
    ("North", 7, {"medication": "levetiracetam", "strength": "500 mg", "dose": "1 tablet", "route": "oral",
                  "times": ["09:00", "21:00"]}),
]


def load(session: Session, now: datetime) -> None:
    """Enter the demo orders as nurse1 would (the demo's one nurse works on North)."""
    today = now.astimezone(ZoneInfo(current_app.config["FACILITY_TIMEZONE"])).date()
    nurse = session.scalar(select(User).where(User.username == "nurse1"))
    for unit_name, place, order in ORDERS:
        unit = session.scalar(select(Unit).where(Unit.name == unit_name))
        residents = list(session.scalars(select(Resident).where(Resident.unit_id == unit.id).order_by(Resident.id)))
        if unit is None or place >= len(residents):
            continue
        order_medication(session, nurse, {"uid": str(uuid.uuid4()), "resident_id": residents[place].id,
                                          "start_date": today, **order}, now)
