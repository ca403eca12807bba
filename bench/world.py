"""The databases the handoff, board and facility benchmarks share, built once per `python -m bench` run.

`one_unit()`: a 30-resident unit whose last completed shift was recorded through the API and whose current
shift so far is filled in bulk; once with no history ("empty") and once with a year before that shift ("year").
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bench.facility_gen import (
    CHECK_MINUTES,
    HISTORY_DAYS,
    Clock,
    UnitData,
    add_history,
    add_unit,
    copy_database,
    new_database,
    open_app,
    zone_of,
)
from bench.shift import record_shift
from facility.census.models import DEFAULT_SHIFT_STARTS
from facility.timeutil import ShiftWindow, last_completed_shift, parse_hhmm


@dataclass
class World:
    """The two databases of one unit and what was put in them."""

    now: datetime
    window: ShiftWindow
    unit: UnitData
    empty_url: str
    year_url: str
    shift_events: int
    history_rows: int
    seconds_to_build: float


def close(app) -> None:
    """Close the app's connections (SQLite then folds its write-ahead log into the file, ready to copy)."""
    app.extensions["facility_db"].engine.dispose()


@functools.cache
def one_unit() -> World:
    """Build (once) the unit's empty-history and year-of-history databases."""
    began = time.perf_counter()
    now = datetime.now(UTC).replace(microsecond=0)
    clock = Clock()
    empty_url = new_database()
    app = open_app(empty_url, clock)
    window = last_completed_shift(now, [parse_hhmm(t) for t in DEFAULT_SHIFT_STARTS], zone_of(app))
    admitted = window.start - timedelta(days=HISTORY_DAYS + 1)
    clock.now = admitted
    unit = add_unit(app, "Unit 1", admitted)
    shift_events = record_shift(app, clock, unit, window)
    clock.now = now
    add_history(app, unit, window.end, now, check_minutes=15)  # the shift under way: Q15 up to now
    close(app)
    year_url = copy_database(empty_url)
    app = open_app(year_url, Clock())
    rows = add_history(app, unit, window.start - timedelta(days=HISTORY_DAYS), window.start)
    close(app)
    return World(now, window, unit, empty_url, year_url, shift_events, rows, time.perf_counter() - began)


def describe(world: World) -> str:
    return (
        f"{len(world.unit.resident_ids)} residents, {world.shift_events} events in the shift (through the API); "
        f"year: {world.history_rows:,} rows over {HISTORY_DAYS} days before it (checks every {CHECK_MINUTES} "
        f"min, doses, meals, ADL, notes, incidents, episodes, resolved alerts); built in "
        f"{world.seconds_to_build:.0f} s"
    )
