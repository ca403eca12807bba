"""Handoff build time for a 30-resident unit's full shift of every domain, with no history and with a year of it.

Baseline: the same shift on a database holding nothing before it. The build is what the scheduler and
`POST /api/v1/handoffs` run: every domain's gather, then the folds into the summary. Target: under 200 ms,
and the year at most 1.5x the empty history.
"""

from __future__ import annotations

import os
import statistics
import time

from bench.facility_gen import open_app
from bench.postgres import on_postgres, postgres_url
from bench.world import World, close, describe, one_unit
from facility.census.models import Unit
from facility.domain import registry
from facility.handoff import services
from facility.handoff.summary import build_summary

REPEATS = int(os.environ.get("BENCH_REPEATS", "15"))


def _build_once(app, world: World) -> float:
    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        unit = session.get(Unit, world.unit.unit_id)
        began = time.perf_counter()
        sections = registry().handoff_sections
        summary = build_summary(services.gather(session, unit, world.window, sections), [s.fold for s in sections])
        elapsed = time.perf_counter() - began
        assert summary, "the handoff came out empty"
        session.close()
    return elapsed


def _table(world: World, kind: str, urls: dict[str, str]) -> None:
    apps = {name: open_app(url) for name, url in urls.items()}
    timings: dict[str, list[float]] = {name: [] for name in apps}
    for round_ in range(REPEATS + 1):
        for name, app in apps.items():  # interleaved, so that load from elsewhere hits both alike
            elapsed = _build_once(app, world)
            if round_:  # the first round warms the caches
                timings[name].append(elapsed)
    for app in apps.values():
        close(app)
    print(
        f"handoff build: {describe(world)}; median and worst of {REPEATS} interleaved rounds, {kind}, in-process "
        f"(target < 200 ms, year <= 1.5x empty)"
    )
    baseline = statistics.median(timings["empty"])
    for name, label in (("empty", "baseline: no history"), ("year", "a year of history")):
        seconds = statistics.median(timings[name])
        print(
            f"  {label:<24} median {seconds * 1000:8.1f} ms   worst {max(timings[name]) * 1000:8.1f} ms"
            f"   {seconds / baseline:5.2f}x baseline"
        )


def main() -> None:
    """Print the median and worst build time, year beside empty, measured interleaved; SQLite, then PostgreSQL
    when DATABASE_URL names one."""
    world = one_unit()
    _table(world, "SQLite", {"empty": world.empty_url, "year": world.year_url})
    if postgres_url():
        (empty, _), (year, seconds) = on_postgres(world.empty_url, "empty"), on_postgres(world.year_url, "year")
        print()
        _table(world, f"PostgreSQL (the same rows, copied in {seconds:.0f} s)", {"empty": empty, "year": year})


if __name__ == "__main__":
    main()
