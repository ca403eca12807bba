"""Ingest: POST /api/v1/rounds/checks through gunicorn+eventlet, beside GET /healthz on the same server.

Both are driven by the same clients (threads, one keep-alive connection each) for the same time, interleaved
twice, so that load from elsewhere on the machine hits both alike. Also counts the SQL statements of one check.
"""
from __future__ import annotations

import itertools
import statistics
import threading
import time
import uuid
from datetime import datetime, timezone

from bench.server import BenchServer, prepared_database

CLIENTS = (1, 8)
SECONDS = 4.0
NORTH_RESIDENTS = range(1, 13)


def _drive(server: BenchServer, clients: int, request) -> tuple[int, list[float], int]:
    """Run `request(http, n)` from `clients` threads for SECONDS; (done, latencies in s, failures)."""
    sessions = [server.login("worker1") for _ in range(clients)]
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + SECONDS

    def run(http):
        mine, failed = [], 0
        for n in itertools.count():
            if time.monotonic() >= stop_at:
                break
            began = time.perf_counter()
            ok = request(http, n)
            mine.append(time.perf_counter() - began)
            failed += not ok
        with lock:
            latencies.extend(mine)
            failures[0] += failed

    threads = [threading.Thread(target=run, args=(http,)) for http in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies), latencies, failures[0]


def _check(server: BenchServer):
    def post(http, n):
        body = {"uid": str(uuid.uuid4()), "resident_id": NORTH_RESIDENTS[n % len(NORTH_RESIDENTS)],
                "occurred_at": datetime.now(timezone.utc).isoformat(), "location": "dayroom", "state": "awake_calm"}
        return http.post(server.url + "/api/v1/rounds/checks", json=body).status_code == 201
    return post


def _health(server: BenchServer):
    return lambda http, n: http.get(server.url + "/healthz").status_code == 200


def _row(label: str, done: int, latencies: list[float], failures: int) -> str:
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    return (f"  {label:<34} {done / SECONDS:>8.0f}/s   p50 {q[49] * 1000:>6.1f} ms   p99 {q[98] * 1000:>6.1f} ms"
            f"   failed {failures}")


def queries_per_check(database_url: str) -> int:
    """SQL statements one check costs, counted in-process on the same kind of database."""
    from sqlalchemy import event

    from facility import create_app
    from facility.config import TestingConfig

    app = create_app(TestingConfig(database_url))
    http = app.test_client()
    token = http.post("/api/v1/auth/login", json={"username": "worker1", "password": "facility-demo"}).get_json()
    statements: list[str] = []
    engine = app.extensions["facility_db"].engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    body = {"uid": str(uuid.uuid4()), "resident_id": 5, "occurred_at": datetime.now(timezone.utc).isoformat(),
            "location": "dayroom", "state": "awake_calm"}
    event.listen(engine, "before_cursor_execute", listener)
    answer = http.post("/api/v1/rounds/checks", json=body, headers={"X-CSRFToken": token["csrf_token"]})
    event.remove(engine, "before_cursor_execute", listener)
    assert answer.status_code == 201, answer.get_json()
    return len(statements)


def main() -> None:
    """Print the ingest table; a run where any request failed says so and exits non-zero."""
    url = prepared_database()
    server = BenchServer(url)
    try:
        print(f"ingest: gunicorn+eventlet, one process, {url.split(':')[0]}, {SECONDS:g} s per run, interleaved")
        for clients in CLIENTS:
            results = {"health": [0, [], 0], "check": [0, [], 0]}
            for _ in range(2):
                for name, request in (("health", _health(server)), ("check", _check(server))):
                    done, latencies, failures = _drive(server, clients, request)
                    results[name][0] += done
                    results[name][1] += latencies
                    results[name][2] += failures
            health, checks = results["health"], results["check"]
            health[0] //= 2
            checks[0] //= 2
            print(f" {clients} concurrent client(s)")
            print(_row("baseline: GET /healthz", *health))
            print(_row("POST /api/v1/rounds/checks", *checks))
            print(f"  checks reach {100 * checks[0] / max(health[0], 1):.0f} % of the baseline")
            if health[2] or checks[2]:
                raise SystemExit(f"ingest: {health[2] + checks[2]} requests failed; the figures above do not count")
    finally:
        server.stop()
    print(f" SQL statements per check (in-process, same database): {queries_per_check(url)}")


if __name__ == "__main__":
    main()
