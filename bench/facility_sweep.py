"""A facility: the 30-s sweep of every time rule over 1, 2, 5 and 10 units of 30 residents with a year of history.

Unit 1 is the handoff benchmark's unit (a shift through the API, a year in bulk); the others are copies of it
(bench/facility_copy.py). The sweep runs in-process at the moment the record reaches, as the scheduler would
every 30 s: the first pass raises whatever is due, the next ones are the steady state. Baseline: one unit.
Target: under 1 s for the whole facility.
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import timedelta

from sqlalchemy import func, select

from bench.facility_copy import copy_unit
from bench.facility_gen import HISTORY_DAYS, Clock, copy_database, open_app
from bench.postgres import on_postgres, postgres_url
from bench.world import close, describe, one_unit
from facility.alerts.models import Alert
from facility.records.models import Event
from facility.scheduler import sweep

UNITS = int(os.environ.get("BENCH_UNITS", "10"))
REPEATS = int(os.environ.get("BENCH_SWEEPS", "7"))


def _timed_sweeps(app, now) -> tuple[float, list[float]]:
    began = time.perf_counter()
    sweep(app, now)
    first = time.perf_counter() - began
    steady = []
    for _ in range(REPEATS):
        began = time.perf_counter()
        sweep(app, now)
        steady.append(time.perf_counter() - began)
    return first, steady


def _counts(app) -> tuple[int, int]:
    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        events = session.scalar(select(func.count()).select_from(Event))
        alerts = session.scalar(select(func.count()).select_from(Alert).where(Alert.resolved_at.is_(None)))
        session.close()
    return events, alerts


def main() -> None:
    """Grow the facility unit by unit and print the sweep's cost at 1, 2, 5 and 10 units."""
    world = one_unit()
    url = copy_database(world.year_url)
    app = open_app(url, Clock())
    steps = sorted({n for n in (1, 2, 5, UNITS) if n <= UNITS})
    units = [world.unit]
    admitted = world.window.start - timedelta(days=HISTORY_DAYS + 1)
    rows = []
    copy_seconds = 0.0
    for step in steps:
        began = time.perf_counter()
        while len(units) < step:
            unit, _copied = copy_unit(app, world.unit, len(units) + 1, admitted)
            units.append(unit)
        copy_seconds += time.perf_counter() - began
        first, steady = _timed_sweeps(app, world.now)
        rows.append((step, first, steady, *_counts(app)))
    close(app)
    if postgres_url():  # the same facility, 1 and all units, on PostgreSQL
        one, _ = on_postgres(world.year_url, "sweep1")
        whole, seconds = on_postgres(url, f"sweep{UNITS}")
        pg_rows = []
        for step, copy in ((1, one), (len(units), whole)):
            pg_app = open_app(copy, Clock())
            first, steady = _timed_sweeps(pg_app, world.now)
            pg_rows.append((step, first, steady, *_counts(pg_app)))
            close(pg_app)
    print(
        f"facility sweep: units like the handoff's ({describe(world)}), copied in SQL ({copy_seconds:.0f} s); "
        f"sweep(app, now) in-process, first pass then median and worst of {REPEATS}, SQLite (target < 1 s)"
    )
    _rows(rows, len(world.unit.resident_ids))
    if postgres_url():
        print(
            f"  on PostgreSQL (the same rows, copied in {seconds:.0f} s, with the alerts the SQLite sweeps raised: "
            "every pass is a steady one):"
        )
        _rows(pg_rows, len(world.unit.resident_ids))


def _rows(rows, residents_per_unit: int) -> None:
    base = statistics.median(rows[0][2])
    for step, first, steady, events, open_alerts in rows:
        median = statistics.median(steady)
        label = "baseline: 1 unit" if step == 1 else f"{step} units"
        print(
            f"  {label:<18} {step * residents_per_unit:>4} residents {events:>10,} events   first "
            f"{first * 1000:7.1f} ms   median {median * 1000:7.1f} ms   worst {max(steady) * 1000:7.1f} ms   "
            f"{median / base:5.2f}x baseline   {median / step * 1000:6.1f} ms/unit   open alerts {open_alerts}"
        )


if __name__ == "__main__":
    main()
