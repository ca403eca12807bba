"""Handoff build cost: it must grow with the shift's events, not with the unit's history.

Baseline: building one shift's handoff on a database that holds only that shift.
Then the same shift with 10x and 50x as many events (and resolved alerts) of earlier days.
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

from facility import create_app
from facility.alerts.models import Alert
from facility.auth.services import create_user
from facility.census.models import Resident, Unit
from facility.config import TestingConfig
from facility.handoff import services
from facility.handoff.summary import build_summary
from facility.migrate import upgrade
from facility.records.models import Event
from facility.domain import registry
from facility.timeutil import ShiftWindow, last_completed_shift, parse_hhmm

RESIDENTS = 24
SHIFT_EVENTS = RESIDENTS * 32  # every resident on q15 for eight hours
REPEATS = 15


def _events(unit_id: int, actor_id: int, start: datetime, count: int, spread: timedelta) -> list[dict]:
    step = spread / max(count, 1)
    return [{"uid": str(uuid.uuid4()), "kind": "rounds.check", "unit_id": unit_id, "resident_id": 1 + i % RESIDENTS,
             "actor_id": actor_id, "occurred_at": start + step * i, "recorded_at": start + step * i,
             "late_entry": False, "data": {"state": "awake_calm", "location": "dayroom"}, "corrects_uid": None,
             "body_hash": "0" * 64} for i in range(count)]


def _alerts(unit_id: int, start: datetime, count: int, spread: timedelta) -> list[dict]:
    step = spread / max(count, 1)
    return [{"kind": "check_overdue", "severity": "warning", "unit_id": unit_id, "resident_id": 1 + i % RESIDENTS,
             "condition": f"bench:{i}", "message": "bench", "raised_at": start + step * i,
             "resolved_at": start + step * i + timedelta(minutes=5), "resolved_how": "check recorded"}
            for i in range(count)]


def _facility(history_factor: int) -> tuple:
    """A fresh SQLite database with one unit, its residents, the shift and history_factor shifts' worth before."""
    url = f"sqlite:///{os.path.join(tempfile.mkdtemp(), 'bench.db')}"
    upgrade(url)
    app = create_app(TestingConfig(url))
    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        unit = Unit(name="Bench")
        session.add(unit)
        session.flush()
        actor = create_user(session, "bench", "Bench", "nurse", "bench-password", ["Bench"])
        window = last_completed_shift(datetime.now(timezone.utc), [parse_hhmm(t) for t in unit.shift_starts],
                                      ZoneInfo(app.config["FACILITY_TIMEZONE"]))
        long_ago = window.start - timedelta(days=400)
        session.add_all(Resident(unit_id=unit.id, first_name=f"R{i}", last_name="Bench", date_of_birth=date(1980, 1, 1),
                                 room=str(100 + i), admitted_at=long_ago, observation_level="q15",
                                 level_changed_at=long_ago, allergies=[], precautions=[]) for i in range(RESIDENTS))
        session.flush()
        rows = _events(unit.id, actor.id, window.start, SHIFT_EVENTS, window.end - window.start)
        year_before = window.start - timedelta(days=365)
        rows += _events(unit.id, actor.id, year_before, history_factor * SHIFT_EVENTS, timedelta(days=364))
        for chunk in range(0, len(rows), 5000):
            session.execute(insert(Event), rows[chunk:chunk + 5000])
        alerts = _alerts(unit.id, year_before, history_factor * 50, timedelta(days=364))
        if alerts:
            session.execute(insert(Alert), alerts)
        session.commit()
        session.close()
    return app, window


def _build_once(app, window: ShiftWindow) -> float:
    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        unit = session.scalar(select(Unit))
        began = time.perf_counter()
        sections = registry().handoff_sections
        build_summary(services.gather(session, unit, window, sections), [s.fold for s in sections])
        elapsed = time.perf_counter() - began
        session.close()
    return elapsed


def main() -> None:
    """Print the median build time per history size beside the no-history baseline, measured interleaved."""
    factors = (0, 10, 50)
    facilities = {factor: _facility(factor) for factor in factors}
    timings: dict[int, list[float]] = {factor: [] for factor in factors}
    for round_ in range(REPEATS + 1):
        for factor in factors:  # interleaved, so that load from elsewhere hits every size alike
            elapsed = _build_once(*facilities[factor])
            if round_:  # the first round warms the caches
                timings[factor].append(elapsed)
    print(f"handoff build: {RESIDENTS} residents, {SHIFT_EVENTS} events in the shift, "
          f"median of {REPEATS} interleaved rounds, SQLite")
    baseline = statistics.median(timings[0])
    for factor in factors:
        seconds = statistics.median(timings[factor])
        label = "baseline: no history" if factor == 0 else f"history {factor}x ({factor * SHIFT_EVENTS} events)"
        print(f"  {label:<34} {seconds * 1000:8.2f} ms   {seconds / baseline:5.2f}x baseline")
