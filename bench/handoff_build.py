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


def main() -> None:
    """Print the median and worst build time, year beside empty, measured interleaved."""
    world = one_unit()
    apps = {"empty": open_app(world.empty_url), "year": open_app(world.year_url)}
    timings: dict[str, list[float]] = {name: [] for name in apps}
    for round_ in range(REPEATS + 1):
        for name, app in apps.items():  # interleaved, so that load from elsewhere hits both alike
            elapsed = _build_once(app, world)
            if round_:  # the first round warms the caches
                timings[name].append(elapsed)
    for app in apps.values():
        close(app)
    print(f"handoff build: {describe(world)}; median and worst of {REPEATS} interleaved rounds, SQLite, in-process "
          f"(target < 200 ms, year <= 1.5x empty)")
    baseline = statistics.median(timings["empty"])
    for name, label in (("empty", "baseline: no history"), ("year", "a year of history")):
        seconds = statistics.median(timings[name])
        print(f"  {label:<24} median {seconds * 1000:8.1f} ms   worst {max(timings[name]) * 1000:8.1f} ms"
              f"   {seconds / baseline:5.2f}x baseline")


if __name__ == "__main__":
    main()
