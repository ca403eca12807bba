"""Board and med pass: GET /api/v1/units/{id}/board and /med-pass for 30 residents with a year of history.

One client, one keep-alive connection, through gunicorn+eventlet; each request of the three kinds in turn
(baseline GET /healthz on the same server), so that load from elsewhere hits them alike. Target: p99 < 50 ms.
"""

from __future__ import annotations

import os
import statistics
import time

from bench.postgres import on_postgres, postgres_url
from bench.server import BenchServer
from bench.world import describe, one_unit

REQUESTS = int(os.environ.get("BENCH_BOARD_REQUESTS", "300"))
REPORT_REQUESTS = int(os.environ.get("BENCH_REPORT_REQUESTS", "10"))


def main() -> None:
    """Print p50/p99 of the board and the med pass beside the baseline: SQLite, then PostgreSQL when
    DATABASE_URL names one."""
    world = one_unit()
    _table(world, world.year_url, "SQLite")
    if postgres_url():
        url, seconds = on_postgres(world.year_url, "year")
        print()
        _table(world, url, f"PostgreSQL (the same rows, copied in {seconds:.0f} s)")


def _table(world, url: str, kind: str) -> None:
    unit_id = world.unit.unit_id
    server = BenchServer(url)
    try:
        http = server.login(world.unit.username("worker"))
        paths = {"baseline: GET /healthz": "/healthz"}
        paths.update(
            {f"GET {path}": path for path in (f"/api/v1/units/{unit_id}/board", f"/api/v1/units/{unit_id}/med-pass")}
        )
        sizes = {}
        for label, path in paths.items():  # warm up and check that each answers
            answer = http.get(server.url + path)
            answer.raise_for_status()
            sizes[label] = answer.json()
        timings: dict[str, list[float]] = {label: [] for label in paths}
        for _ in range(REQUESTS):
            for label, path in paths.items():
                began = time.perf_counter()
                ok = http.get(server.url + path).status_code == 200
                timings[label].append(time.perf_counter() - began)
                if not ok:
                    raise SystemExit(f"board: {path} failed")
        # The reports page folds the unit's last thirty days of rounds: read now and then, so measured apart.
        nurse = server.login(world.unit.username("nurse"))
        reports = []
        for _ in range(REPORT_REQUESTS + 1):
            began = time.perf_counter()
            nurse.get(server.url + "/reports").raise_for_status()
            reports.append(time.perf_counter() - began)
    finally:
        server.stop()
    board = sizes[f"GET /api/v1/units/{unit_id}/board"]
    doses = sizes[f"GET /api/v1/units/{unit_id}/med-pass"]
    print(
        f"board and med pass: {describe(world)}; the board lists {len(board['residents'])} residents, the med pass "
        f"{len(doses['doses'])} doses; {REQUESTS} requests each, one client, gunicorn+eventlet, {kind} "
        f"(target p99 < 50 ms)"
    )
    base = statistics.quantiles(timings["baseline: GET /healthz"], n=100)
    for label, values in timings.items():
        q = statistics.quantiles(values, n=100)
        print(
            f"  {label:<34} p50 {q[49] * 1000:7.1f} ms   p99 {q[98] * 1000:7.1f} ms   "
            f"p99 {q[98] / base[98]:5.1f}x baseline"
        )
    print(
        f"  {'GET /reports (30 days charted)':<34} median {statistics.median(reports[1:]) * 1000:7.1f} ms   "
        f"worst {max(reports[1:]) * 1000:7.1f} ms of {REPORT_REQUESTS} (a page read now and then; no target)"
    )


if __name__ == "__main__":
    main()
