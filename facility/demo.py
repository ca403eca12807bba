"""The demo facility of API.md: units North and South, 12 residents each, six staff accounts."""

from __future__ import annotations

import os
import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facility import clock
from facility.auth.models import Role, User
from facility.census import services as census
from facility.census.models import Unit
from facility.census.staff import create_user
from facility.domain import registry
from facility.rounds.due import check_interval
from facility.rounds.services import record_check
from facility.timeutil import facility_zone, last_completed_shift, parse_hhmm

FIRST = [
    "Ana",
    "Ben",
    "Cora",
    "Dev",
    "Eli",
    "Fay",
    "Gus",
    "Hana",
    "Ivo",
    "June",
    "Kai",
    "Lena",
    "Milo",
    "Nia",
    "Omar",
    "Pia",
    "Quin",
    "Rosa",
    "Sam",
    "Tara",
    "Uri",
    "Vera",
    "Wes",
    "Yara",
]
LAST = [
    "Reyes",
    "Okafor",
    "Lindqvist",
    "Patel",
    "Moreau",
    "Nakamura",
    "Brennan",
    "Haddad",
    "Kowalski",
    "Duarte",
    "Mensah",
    "Ferreira",
]
LEVELS = ["q15", "q15", "q30", "q60", "q15", "q5", "q30", "q60", "q15", "q30", "q60", "one_to_one"]
PRECAUTIONS = [
    ["suicide"],
    [],
    ["fall"],
    [],
    ["elopement"],
    ["self_harm", "suicide"],
    [],
    ["seizure"],
    ["assault"],
    [],
    ["fall"],
    ["suicide"],
]
ALLERGIES = [["penicillin"], [], [], ["latex"], [], ["sulfa drugs"], [], [], ["peanuts"], [], [], []]
# Minutes since each resident's last check, so the board opens mixed: q5 overdue first, some due, most ok.
LAST_CHECK_AGO = [5, 13, 10, 20, 8, 9, 28, 45, 17, 12, 30, 3]


class DemoRefused(RuntimeError):
    """The database holds data already; the demo would mix with it."""


def load_demo(session: Session, *, force: bool = False, history: bool = False) -> None:
    """Create the demo facility in session (the caller commits).

    With `history` the residents arrived before the last completed shift and were checked through it, so
    that a newcomer's first handoff reads like a real one; without it they arrived two hours ago.
    """
    if not force and session.scalar(select(func.count()).select_from(User)):
        raise DemoRefused("the database already holds users; use --force to add the demo anyway")
    password = os.environ.get("FACILITY_DEMO_PASSWORD", "facility-demo")
    north, south = Unit(name="North"), Unit(name="South")
    session.add_all([north, south])
    session.flush()
    admin = create_user(session, "admin", "Avery Admin", Role.ADMIN, password, ["North", "South"])
    workers = [
        create_user(session, "worker1", "Wren Walker", Role.WORKER, password, ["North"]),
        create_user(session, "worker2", "Wade Whitley", Role.WORKER, password, ["South"]),
    ]
    nurse = create_user(session, "nurse1", "Nell Norris", Role.NURSE, password, ["North"])
    create_user(session, "lead1", "Lee Lawson", Role.LEAD, password, ["North"])
    create_user(session, "clinician1", "Cleo Clarke", Role.CLINICIAN, password, ["North"])
    create_user(session, "casemanager1", "Cass Manning", Role.CASE_MANAGER, password, ["North"])
    now = clock.now()
    zone = facility_zone()
    previous = last_completed_shift(now, [parse_hhmm(t) for t in north.shift_starts], zone)
    arrived = previous.start - timedelta(minutes=40) if history else now - timedelta(hours=2)
    for u, unit in enumerate((north, south)):
        for i in range(12):
            level = LEVELS[i]
            resident, _new = census.admit(
                session,
                admin,
                {
                    "uid": str(uuid.uuid4()),
                    "unit_id": unit.id,
                    "first_name": FIRST[u * 12 + i],
                    "last_name": LAST[(i + 5 * u) % 12],
                    "preferred_name": None,
                    "date_of_birth": date(1960 + (i * 3 + u * 7) % 45, 1 + i % 12, 1 + (i * 5) % 27),
                    "record_number": f"MR{u + 1}{i + 1:03d}",
                    "room": f"{'N' if u == 0 else 'S'}{101 + i}",
                    "admitted_at": arrived,
                    "observation_level": level,
                    "assigned_staff_id": (nurse.id if unit is north else admin.id) if level == "one_to_one" else None,
                    "precautions": PRECAUTIONS[i],
                    "allergies": ALLERGIES[i],
                },
                now,
            )
            seen = now - timedelta(minutes=LAST_CHECK_AGO[i])
            if history:
                _past_checks(session, workers[u], resident, arrived, seen, zone)
            record_check(
                session,
                workers[u],
                {
                    "uid": str(uuid.uuid4()),
                    "resident_id": resident.id,
                    "occurred_at": seen,
                    "location": "own_room",
                    "state": "awake_calm",
                },
                seen,
            )
    for domain in registry().domains:  # each domain's own demo data, after the census it builds on
        if domain.demo is not None:
            domain.demo(session, now)


def _past_checks(session: Session, worker: User, resident, since: datetime, until: datetime, zone: ZoneInfo) -> None:
    """Checks a little inside each interval from since to until; one late round for every seventh resident."""
    interval = check_interval(resident.observation_level)
    at, n = since + timedelta(minutes=2), 0
    while at < until - timedelta(minutes=1):
        night = not 7 <= at.astimezone(zone).hour < 22
        check = (
            {"location": "own_room", "state": "asleep", "breathing_observed": True}
            if night
            else {"location": ("dayroom", "dining", "hallway", "own_room")[n % 4], "state": "awake_calm"}
        )
        record_check(
            session, worker, {"uid": str(uuid.uuid4()), "resident_id": resident.id, "occurred_at": at, **check}, at
        )
        n += 1
        late = resident.id % 7 == 3 and n == 9
        at += interval + timedelta(minutes=6) if late else interval - timedelta(minutes=1 + n % 2)
