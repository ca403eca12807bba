"""Ingest: checks, medication observations, ADL records and incident reports through gunicorn+eventlet.

Each record type alone and a mix of the four, at 1, 8 and 32 concurrent clients, beside GET /healthz on the
same server. The clients are threads with one keep-alive connection each; every run of a client level is
interleaved with the baseline twice so that load from elsewhere on the machine hits both alike. Also counts
the SQL statements one record of each type costs. BENCH_SECONDS, BENCH_CLIENTS scale it.
"""

from __future__ import annotations

import itertools
import os
import statistics
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bench.server import BenchServer, databases, prepared_database

CLIENTS = tuple(int(c) for c in os.environ.get("BENCH_CLIENTS", "1,8,32").split(","))
SECONDS = float(os.environ.get("BENCH_SECONDS", "2"))
NORTH_RESIDENTS = range(1, 13)
WORKER1 = 2  # the demo's worker of North
PRN_DOSES_PER_ORDER = 20  # under the order's 24-hour maximum of 24
PRN_ORDERS = int(os.environ.get("BENCH_PRN_ORDERS", "150"))


def _drive(sessions: list, request) -> tuple[float, list[float], int]:
    """Run `request(http, n)` from one thread per logged-in session for SECONDS; (per s, latencies in s, failures).

    The rate divides by the time until the last request in flight came back, not by SECONDS."""
    began = time.monotonic()
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
    return len(latencies) / (time.monotonic() - began), latencies, failures[0]


def _now() -> str:
    return datetime.now(UTC).isoformat()


def check_body(n: int) -> dict:
    return {
        "uid": str(uuid.uuid4()),
        "resident_id": NORTH_RESIDENTS[n % len(NORTH_RESIDENTS)],
        "occurred_at": _now(),
        "location": "dayroom",
        "state": "awake_calm",
    }


def adl_body(n: int) -> dict:
    return {
        "uid": str(uuid.uuid4()),
        "resident_id": NORTH_RESIDENTS[n % len(NORTH_RESIDENTS)],
        "occurred_at": _now(),
        "activity": "hygiene",
        "support": "limited_assist",
    }


def incident_body(n: int) -> dict:
    """A moderate scuffle between two North residents a few minutes ago, talked down."""
    first = NORTH_RESIDENTS[n % len(NORTH_RESIDENTS)]
    second = NORTH_RESIDENTS[(n + 1) % len(NORTH_RESIDENTS)]
    at = datetime.now(UTC) - timedelta(minutes=5)
    return {
        "uid": str(uuid.uuid4()),
        "unit_id": 1,
        "occurred_at": at.isoformat(),
        "location": "dayroom",
        "resident_ids": [first, second],
        "staff_ids": [WORKER1],
        "category": "verbal_aggression",
        "severity": "low",
        "antecedent": "a dispute over the remote",
        "behavior": "shouting at a peer",
        "consequence": "both calmed",
        "interventions": ["verbal_deescalation"],
        "narrative": "Raised voices in the dayroom; staff talked both residents down.",
    }


class PrnDoses:
    """PRN orders made before the run; each dose taken goes to the next order with room under its maximum."""

    def __init__(self, orders: list[tuple[int, int]]) -> None:
        self.orders = orders  # (order_id, resident_id)
        self.counter = itertools.count()  # next() is atomic under the GIL
        self.lock = threading.Lock()

    def body(self) -> dict:
        with self.lock:
            k = next(self.counter)
        order_id, resident_id = self.orders[(k // PRN_DOSES_PER_ORDER) % len(self.orders)]
        return {
            "uid": str(uuid.uuid4()),
            "resident_id": resident_id,
            "order_id": order_id,
            "occurred_at": _now(),
            "outcome": "taken",
            "prn_indication": "anxiety",
        }


def make_prn_orders(database_url: str, count: int) -> list[tuple[int, int]]:
    """count PRN orders (at most 24 doses a day each) on North's residents, entered by nurse1 in-process."""
    from facility import create_app
    from facility.config import TestingConfig

    app = create_app(TestingConfig(database_url))
    http = app.test_client()
    token = http.post("/api/v1/auth/login", json={"username": "nurse1", "password": "facility-demo"}).get_json()
    today = datetime.now(ZoneInfo(app.config["FACILITY_TIMEZONE"])).date().isoformat()
    orders = []
    for i in range(count):
        resident_id = NORTH_RESIDENTS[i % len(NORTH_RESIDENTS)]
        body = {
            "uid": str(uuid.uuid4()),
            "resident_id": resident_id,
            "medication": "hydroxyzine",
            "strength": "25 mg",
            "dose": "1 tablet",
            "route": "oral",
            "prn": True,
            "prn_indication": "anxiety",
            "prn_max_per_24h": 24,
            "start_date": today,
        }
        answer = http.post("/api/v1/medications/orders", json=body, headers={"X-CSRFToken": token["csrf_token"]})
        assert answer.status_code == 201, answer.get_json()
        orders.append((answer.get_json()["id"], resident_id))
    app.extensions["facility_db"].engine.dispose()
    return orders


def _kinds(server: BenchServer, doses: PrnDoses) -> dict:
    """name -> request(http, n) -> ok, for each record type, the mix and the baseline."""

    def poster(path, make):
        return lambda http, n: http.post(server.url + path, json=make(n)).status_code == 201

    kinds = {
        "check": poster("/api/v1/rounds/checks", check_body),
        "medobs": poster("/api/v1/medobs", lambda n: doses.body()),
        "adl": poster("/api/v1/adl", adl_body),
        "incident": poster("/api/v1/incidents", incident_body),
    }
    singles = list(kinds.values())
    kinds["mix"] = lambda http, n: singles[n % len(singles)](http, n // len(singles))
    return {"health": lambda http, n: http.get(server.url + "/healthz").status_code == 200, **kinds}


LABELS = {
    "health": "baseline: GET /healthz",
    "mix": "mix of the four (1 in 4 each)",
    "check": "POST /api/v1/rounds/checks",
    "medobs": "POST /api/v1/medobs (PRN taken)",
    "adl": "POST /api/v1/adl",
    "incident": "POST /api/v1/incidents",
}


def _row(label: str, rate: float, latencies: list[float], failures: int, baseline: float | None = None) -> str:
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    share = f"{100 * rate / max(baseline, 1e-9):5.0f} %" if baseline is not None else "  100 %"
    return (
        f"  {label:<32} {rate:>7.0f}/s {share}   p50 {q[49] * 1000:>6.1f} ms"
        f"   p99 {q[98] * 1000:>6.1f} ms   failed {failures}"
    )


def queries_per_record(database_url: str, doses: PrnDoses) -> dict[str, int]:
    """SQL statements one record of each type costs, counted in-process on the same kind of database."""
    from sqlalchemy import event

    from facility import create_app
    from facility.config import TestingConfig

    app = create_app(TestingConfig(database_url))
    http = app.test_client()
    token = http.post("/api/v1/auth/login", json={"username": "worker1", "password": "facility-demo"}).get_json()
    engine = app.extensions["facility_db"].engine
    counts = {}
    for name, path, body in (
        ("check", "/api/v1/rounds/checks", check_body(4)),
        ("medobs", "/api/v1/medobs", doses.body()),
        ("adl", "/api/v1/adl", adl_body(4)),
        ("incident", "/api/v1/incidents", incident_body(4)),
    ):
        statements: list[str] = []
        listener = lambda *args, statements=statements: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        answer = http.post(path, json=body, headers={"X-CSRFToken": token["csrf_token"]})
        event.remove(engine, "before_cursor_execute", listener)
        assert answer.status_code == 201, answer.get_json()
        counts[name] = len(statements)
    engine.dispose()
    return counts


def _measure(server: BenchServer, clients: int, kinds: dict) -> dict[str, list]:
    sessions = [server.login("worker1") for _ in range(clients)]  # logged in once: a login hashes a password
    results = {name: [0, [], 0] for name in kinds}
    for _ in range(2):
        for name, request in kinds.items():
            rate, latencies, failures = _drive(sessions, request)
            results[name][0] += rate
            results[name][1] += latencies
            results[name][2] += failures
    for result in results.values():
        result[0] /= 2
    return results


def main() -> None:
    """Print the ingest table on SQLite, then on DATABASE_URL when set; any failed request exits non-zero."""
    for database in databases():
        run(database)


def run(database: str | None) -> None:
    """The ingest table on one database."""
    url = prepared_database(database)
    doses = PrnDoses(make_prn_orders(url, PRN_ORDERS))
    server = BenchServer(url)
    failed = 0
    try:
        print(
            f"ingest: gunicorn+eventlet, one process, {url.split(':')[0]}, {SECONDS:g} s per run, each run twice, "
            f"interleaved with the baseline; records/s and % of the baseline's requests/s "
            f"(target >= 40 % and >= 300 records/s)"
        )
        kinds = _kinds(server, doses)
        for clients in CLIENTS:
            results = _measure(server, clients, kinds)
            print(f" {clients} concurrent client(s)")
            health = results.pop("health")
            print(_row(LABELS["health"], *health))
            for name, result in results.items():
                print(_row(LABELS[name], *result, baseline=health[0]))
            failed += sum(result[2] for result in results.values()) + health[2]
    finally:
        server.stop()
    counts = queries_per_record(url, doses)
    print(
        " SQL statements per record (in-process, same database): "
        + ", ".join(f"{name} {count}" for name, count in counts.items())
    )
    if failed:
        raise SystemExit(f"ingest: {failed} requests failed; the figures above do not count")


if __name__ == "__main__":
    main()
