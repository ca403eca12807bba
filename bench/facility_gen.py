"""Synthetic facilities for the benchmarks: units of 30 residents and a year of their history, inserted in bulk.

The history is written straight into the log and the projections the domains keep (dose observations, meals,
closed incidents, ended episodes, resolved alerts), as the handlers would have left them, so a year costs
seconds instead of hours of HTTP. Rounds checks are spaced BENCH_HISTORY_CHECK_MINUTES apart in the history
(default 120 to keep `make bench` short; 15 is a full Q15 year); a shift recorded through the API is in bench/shift.py.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select

from facility import create_app
from facility.alerts.models import Alert
from facility.auth.models import Role
from facility.care.models import Meal
from facility.census.models import Resident, Unit
from facility.census.staff import create_user
from facility.config import TestingConfig
from facility.incidents.models import Episode, Incident, IncidentStep
from facility.medobs.models import DoseObservation, MedicationOrder
from facility.medobs.projection import dose_key
from facility.migrate import upgrade
from facility.records.models import Event

RESIDENTS = int(os.environ.get("BENCH_RESIDENTS", "30"))
HISTORY_DAYS = int(os.environ.get("BENCH_HISTORY_DAYS", "365"))
CHECK_MINUTES = int(os.environ.get("BENCH_HISTORY_CHECK_MINUTES", "120"))
PASSWORD = "facility-demo"
MED_TIMES = ("08:00", "12:00", "17:00", "21:00")
MEALS = (("breakfast", "08:30"), ("lunch", "12:30"), ("dinner", "17:30"))
CHUNK = 5000


class Clock:
    """The app's now, set by the generator as it walks through a shift."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@dataclass
class UnitData:
    """What the generator made of one unit: its ids, its staff's usernames and its scheduled orders."""

    unit_id: int
    name: str
    resident_ids: list[int]
    worker_id: int
    nurse_id: int
    orders: list[tuple[int, int]] = field(default_factory=list)  # (order_id, resident_id), one a resident

    def username(self, role: str) -> str:
        return f"{self.name.lower().replace(' ', '')}-{role}"


def _scratch() -> str:
    """A temporary folder removed when the run ends (a year of ten units is gigabytes)."""
    folder = tempfile.mkdtemp(prefix="facility-bench-")
    atexit.register(shutil.rmtree, folder, True)
    return folder


def new_database() -> str:
    """A new, migrated SQLite file."""
    url = f"sqlite:///{os.path.join(_scratch(), 'facility.db')}"
    upgrade(url)
    return url


def copy_database(url: str) -> str:
    """A copy of a SQLite database file (the base a benchmark grows without touching the original)."""
    source = url.removeprefix("sqlite:///")
    target = os.path.join(_scratch(), "facility.db")
    shutil.copyfile(source, target)
    return f"sqlite:///{target}"


def open_app(url: str, clock: Clock | None = None):
    """The app on url, with clock as its now and sessions that do not idle out while the generator walks time."""
    config = TestingConfig(url)
    config.CLOCK = clock or Clock()
    app = create_app(config)
    app.config["SESSION_IDLE_MINUTES"] = 10**7
    return app


def zone_of(app) -> ZoneInfo:
    return ZoneInfo(app.config["FACILITY_TIMEZONE"])


def add_unit(app, name: str, admitted_at: datetime) -> UnitData:
    """A unit with its worker, nurse and lead, RESIDENTS residents on Q15 and one four-times-daily order each."""
    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        unit = Unit(name=name)
        session.add(unit)
        session.flush()
        slug = name.lower().replace(" ", "")
        worker = create_user(session, f"{slug}-worker", f"{name} Worker", Role.WORKER, PASSWORD, [name])
        nurse = create_user(session, f"{slug}-nurse", f"{name} Nurse", Role.NURSE, PASSWORD, [name])
        create_user(session, f"{slug}-lead", f"{name} Lead", Role.LEAD, PASSWORD, [name])
        residents = [
            Resident(
                unit_id=unit.id,
                first_name=f"Res{i}",
                last_name=f"{slug.title()}",
                date_of_birth=date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
                room=str(100 + i),
                admitted_at=admitted_at,
                observation_level="q15",
                level_changed_at=admitted_at,
                allergies=[],
                precautions=["falls"] if i % 5 == 0 else [],
            )
            for i in range(RESIDENTS)
        ]
        session.add_all(residents)
        session.flush()
        data = UnitData(unit.id, name, [r.id for r in residents], worker.id, nurse.id)
        start_date = admitted_at.astimezone(zone_of(app)).date()
        for resident in residents:
            uid = str(uuid.uuid4())
            fields = {
                "medication": "olanzapine",
                "strength": "5 mg",
                "dose": "1 tablet",
                "route": "oral",
                "times": list(MED_TIMES),
                "prn": False,
                "prn_indication": None,
                "prn_max_per_24h": None,
                "start_date": start_date.isoformat(),
                "end_date": None,
                "instructions": None,
            }
            session.execute(
                insert(Event), [_event(uid, "medication.ordered", data, resident.id, nurse.id, admitted_at, fields)]
            )
            order = MedicationOrder(
                uid=uid,
                resident_id=resident.id,
                ordered_by_id=nurse.id,
                ordered_at=admitted_at,
                **{**fields, "start_date": start_date},
            )
            session.add(order)
            session.flush()
            data.orders.append((order.id, resident.id))
        session.commit()
        session.close()
    return data


def _event(
    uid: str, kind: str, unit: UnitData, resident_id: int | None, actor_id: int, at: datetime, data: dict
) -> dict:
    return {
        "uid": uid,
        "kind": kind,
        "unit_id": unit.unit_id,
        "resident_id": resident_id,
        "actor_id": actor_id,
        "occurred_at": at,
        "recorded_at": at + timedelta(seconds=20),
        "late_entry": False,
        "data": data,
        "corrects_uid": None,
        "body_hash": "0" * 64,
    }


def _new_uid() -> str:
    return str(uuid.uuid4())


class _Rows:
    """Rows per model, flushed in chunks; incidents first, so that episodes can name their ids."""

    def __init__(self, session) -> None:
        self.session = session
        self.rows: dict[type, list[dict]] = {}
        self.count = 0

    def add(self, model: type, row: dict) -> None:
        self.rows.setdefault(model, []).append(row)
        self.count += 1
        if len(self.rows[model]) >= CHUNK:
            self.flush(model)

    def flush(self, model: type | None = None) -> None:
        for each in [model] if model else list(self.rows):
            if self.rows.get(each):
                self.session.execute(insert(each), self.rows[each])
                self.rows[each] = []


def local_at(day: date, hhmm: str, zone: ZoneInfo) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=zone).astimezone(UTC)


def add_history(app, unit: UnitData, start: datetime, end: datetime, check_minutes: int = CHECK_MINUTES) -> int:
    """Bulk-insert the unit's record over [start, end); returns how many rows were written."""
    zone = zone_of(app)
    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        rows = _Rows(session)
        _checks(rows, unit, start, end, check_minutes)
        next_incident = (session.scalar(select(func.max(Incident.id))) or 0) + 1
        day = start.astimezone(zone).date()
        while local_at(day, "00:00", zone) < end:
            _day(rows, unit, day, zone, start, end)
            if day.toordinal() % 3 == 0:
                next_incident = _incident(rows, unit, local_at(day, "15:40", zone), next_incident, start, end)
            day += timedelta(days=1)
        rows.flush()
        session.commit()
        session.close()
    return rows.count


def _checks(rows: _Rows, unit: UnitData, start: datetime, end: datetime, minutes: int) -> None:
    step = timedelta(minutes=minutes)
    at = start
    while at < end:
        for n, rid in enumerate(unit.resident_ids):
            moment = at + timedelta(seconds=10 * n)
            if moment < end:
                rows.add(
                    Event,
                    _event(
                        _new_uid(),
                        "rounds.check",
                        unit,
                        rid,
                        unit.worker_id,
                        moment,
                        {"location": "own_room", "state": "asleep" if moment.hour < 10 else "awake_calm"},
                    ),
                )
        at += step


def _day(rows: _Rows, unit: UnitData, day: date, zone: ZoneInfo, start: datetime, end: datetime) -> None:
    """One day of doses, meals, hygiene and a progress note for every resident, and two resolved alerts."""
    for order_id, rid in unit.orders:
        for hhmm in MED_TIMES:
            due = local_at(day, hhmm, zone)
            at = due + timedelta(minutes=7)
            if not start <= at < end:
                continue
            uid = _new_uid()
            rows.add(
                Event,
                _event(
                    uid,
                    "medobs.observed",
                    unit,
                    rid,
                    unit.worker_id,
                    at,
                    {
                        "order_id": order_id,
                        "scheduled_for": due.isoformat(),
                        "outcome": "taken",
                        "held_reason": None,
                        "prn_indication": None,
                        "side_effects": [],
                        "note": None,
                    },
                ),
            )
            rows.add(
                DoseObservation,
                {
                    "uid": uid,
                    "order_id": order_id,
                    "resident_id": rid,
                    "dose_key": dose_key(due),
                    "scheduled_for": due,
                    "occurred_at": at,
                    "outcome": "taken",
                    "witness_id": unit.worker_id,
                    "side_effects": [],
                },
            )
    for rid in unit.resident_ids:
        for meal, hhmm in MEALS:
            at = local_at(day, hhmm, zone)
            if start <= at < end:
                uid = _new_uid()
                rows.add(
                    Event,
                    _event(
                        uid,
                        "adl.support",
                        unit,
                        rid,
                        unit.worker_id,
                        at,
                        {
                            "activity": "meal",
                            "support": "independent",
                            "meal": meal,
                            "percent_eaten": 75,
                            "fluids_ml": None,
                            "sleep_hours": None,
                            "note": None,
                        },
                    ),
                )
                rows.add(Meal, {"uid": uid, "resident_id": rid, "occurred_at": at, "meal": meal, "percent_eaten": 75})
        for kind, hhmm, data in (
            (
                "adl.support",
                "09:10",
                {
                    "activity": "hygiene",
                    "support": "supervision",
                    "meal": None,
                    "percent_eaten": None,
                    "fluids_ml": None,
                    "sleep_hours": None,
                    "note": None,
                },
            ),
            (
                "note.written",
                "14:20",
                {
                    "text": "Settled day; attended the morning group.",
                    "mood": "calm",
                    "engagement": "partial",
                    "goal_ids": [],
                },
            ),
        ):
            at = local_at(day, hhmm, zone)
            if start <= at < end:
                rows.add(Event, _event(_new_uid(), kind, unit, rid, unit.worker_id, at, data))
    for n, hhmm in enumerate(("03:15", "16:45")):
        at = local_at(day, hhmm, zone)
        if start <= at < end:
            rid = unit.resident_ids[(day.toordinal() + n) % len(unit.resident_ids)]
            rows.add(
                Alert,
                {
                    "kind": "check_overdue",
                    "severity": "warning",
                    "unit_id": unit.unit_id,
                    "resident_id": rid,
                    "source_uid": None,
                    "condition": f"bench:{_new_uid()}",
                    "message": "check overdue",
                    "raised_at": at,
                    "resolved_at": at + timedelta(minutes=6),
                    "resolved_how": "check recorded",
                },
            )


def _incident(rows: _Rows, unit: UnitData, at: datetime, incident_id: int, start: datetime, end: datetime) -> int:
    """A closed moderate incident every third day, with a physical hold ended after 20 minutes every tenth."""
    if not start <= at < end:
        return incident_id
    residents = [unit.resident_ids[incident_id % RESIDENTS], unit.resident_ids[(incident_id + 1) % RESIDENTS]]
    report = {
        "occurred_at": at.isoformat(),
        "location": "dayroom",
        "resident_ids": residents,
        "staff_ids": [unit.worker_id],
        "category": "physical_aggression_peer",
        "severity": "moderate",
        "antecedent": "argument",
        "behavior": "pushed a peer",
        "consequence": "separated",
        "interventions": ["verbal_deescalation"],
        "injuries": [],
        "notifications": [],
        "narrative": "Staff separated the residents and talked both down.",
    }
    uid = _new_uid()
    rows.add(Event, _event(uid, "incident.submitted", unit, None, unit.worker_id, at, report))
    rows.add(
        Incident,
        {
            "id": incident_id,
            "uid": uid,
            "unit_id": unit.unit_id,
            "author_id": unit.worker_id,
            "status": "closed",
            "occurred_at": at,
            "severity": "moderate",
            "category": "physical_aggression_peer",
            "resident_ids": residents,
            "report": report,
            "created_at": at,
            "updated_at": at + timedelta(days=1),
        },
    )
    closed_uid = _new_uid()
    rows.add(
        Event,
        _event(
            closed_uid,
            "incident.closed",
            unit,
            None,
            unit.nurse_id,
            at + timedelta(days=1),
            {"incident_uid": uid, "note": None},
        ),
    )
    for status, step_uid, when in (("submitted", uid, at), ("closed", closed_uid, at + timedelta(days=1))):
        rows.add(
            IncidentStep,
            {
                "uid": step_uid,
                "incident_id": incident_id,
                "status": status,
                "actor_id": unit.worker_id,
                "at": when,
                "note": None,
            },
        )
    if incident_id % 10 == 0:
        rows.flush(Incident)
        began, ended = at + timedelta(minutes=2), at + timedelta(minutes=22)
        episode_uid = _new_uid()
        rows.add(
            Event,
            _event(
                episode_uid,
                "episode.started",
                unit,
                residents[0],
                unit.nurse_id,
                began,
                {
                    "incident_uid": uid,
                    "kind": "physical_hold",
                    "started_at": began.isoformat(),
                    "ordered_by": "Dr A. Osei",
                    "ordered_at": began.isoformat(),
                },
            ),
        )
        rows.add(
            Event,
            _event(
                _new_uid(),
                "episode.ended",
                unit,
                residents[0],
                unit.nurse_id,
                ended,
                {"episode_uid": episode_uid, "note": None},
            ),
        )
        rows.add(
            Episode,
            {
                "uid": episode_uid,
                "incident_id": incident_id,
                "unit_id": unit.unit_id,
                "resident_id": residents[0],
                "kind": "physical_hold",
                "started_at": began,
                "started_by_id": unit.nurse_id,
                "order_minutes": 60,
                "order_expires_at": began + timedelta(hours=1),
                "last_monitored_at": ended,
                "face_to_face_at": began + timedelta(minutes=15),
                "face_to_face_by_id": unit.nurse_id,
                "face_to_face_findings": "calm, uninjured",
                "ended_at": ended,
                "ended_by_id": unit.nurse_id,
                "end_note": None,
            },
        )
    return incident_id + 1
