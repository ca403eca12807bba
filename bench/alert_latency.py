"""Alert latency: from the POST that raises an alert to its arrival at 50 connected nurse consoles.

Each round POSTs a PRN refusal (every refusal raises a `med_refused` alert of its own) and waits until every
console has it; the latency of a console is its arrival minus the moment the POST was sent. Baseline: the same
payload broadcast to the same room of the same server through a bench-only route (bench/alert_wsgi.py), no
record or commit, rounds interleaved. Two forms: one gunicorn+eventlet process on SQLite with no message queue;
then, when Redis answers (REDIS_URL, else 127.0.0.1:6379), the scaled-out form: two web
processes and the scheduler process sharing Redis (SOCKETIO_MESSAGE_QUEUE), the consoles split between the two
processes, the POST (and the bare broadcast) sent to the first. Target: p99 < 100 ms and < 2x the baseline's p99.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime

import socketio

from bench.ingest import make_prn_orders
from bench.server import ROOT, BenchServer, prepared_database

CONSOLES = int(os.environ.get("BENCH_CONSOLES", "50"))
ROUNDS = int(os.environ.get("BENCH_ALERT_ROUNDS", "40"))
TIMEOUT = 10.0


class Consoles:
    """CONSOLES python-socketio clients on /alerts, logged in as nurse1, noting when each `alert` arrives."""

    def __init__(self, servers: list[BenchServer]) -> None:
        self.arrivals: dict[object, list[float]] = {}
        self.bodies: dict[object, dict] = {}
        self.lock = threading.Lock()
        self.clients = []
        http = servers[0].login("nurse1")  # one session shared by every console: a login hashes a password
        cookie = "; ".join(f"{c.name}={c.value}" for c in http.cookies)
        for n in range(CONSOLES):
            server = servers[n % len(servers)]  # split between the processes
            client = socketio.Client(reconnection=False)
            client.on("alert", self._arrived, namespace="/alerts")
            client.connect(
                server.url,
                namespaces=["/alerts"],
                headers={"Cookie": cookie},
                transports=["websocket"],
                wait_timeout=30,
            )
            self.clients.append(client)

    def _arrived(self, body: dict) -> None:
        at = time.perf_counter()
        with self.lock:
            self.arrivals.setdefault(body.get("source_uid"), []).append(at)
            self.bodies[body.get("source_uid")] = body

    def wait(self, key: object) -> list[float]:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.arrivals.get(key, ())) >= len(self.clients):
                    return self.arrivals.pop(key)
            time.sleep(0.001)
        raise SystemExit(
            f"alert latency: only {len(self.arrivals.get(key, ()))} of {len(self.clients)} consoles "
            f"got the push within {TIMEOUT:g} s"
        )

    def close(self) -> None:
        for client in self.clients:
            client.disconnect()


def measure(servers: list[BenchServer], order_id: int, resident_id: int) -> dict[str, list[float]]:
    """ROUNDS interleaved rounds of (refusal → alert, bare broadcast), after one round to warm up."""
    consoles = Consoles(servers)
    try:
        worker = servers[0].login("worker1")
        timings: dict[str, list[float]] = {"alert": [], "baseline": []}
        template = None
        for round_ in range(ROUNDS + 1):
            uid = str(uuid.uuid4())
            body = {
                "uid": uid,
                "resident_id": resident_id,
                "order_id": order_id,
                "outcome": "refused",
                "prn_indication": "anxiety",
                "occurred_at": datetime.now(UTC).isoformat(),
            }
            sent = time.perf_counter()
            answer = worker.post(servers[0].url + "/api/v1/medobs", json=body)
            if answer.status_code != 201:
                raise SystemExit(f"alert latency: the refusal answered {answer.status_code}")
            arrivals = consoles.wait(uid)
            template = template or dict(consoles.bodies[uid])  # the real alert's payload
            payload = {**template, "source_uid": f"bench-{round_}"}  # marked by round
            sent_base = time.perf_counter()
            worker.get(servers[0].url + "/bench/broadcast", params={"payload": json.dumps(payload), "room": "unit:1"})
            base_arrivals = consoles.wait(payload["source_uid"])
            if round_:  # the first round warms up
                timings["alert"] += [at - sent for at in arrivals]
                timings["baseline"] += [at - sent_base for at in base_arrivals]
        return timings
    finally:
        consoles.close()


def report(title: str, timings: dict[str, list[float]]) -> None:
    print(title)
    base = statistics.quantiles(timings["baseline"], n=100)
    for name, label in (("baseline", "baseline: bare broadcast"), ("alert", "POST /api/v1/medobs refusal → alert")):
        q = statistics.quantiles(timings[name], n=100)
        print(
            f"  {label:<38} p50 {q[49] * 1000:7.1f} ms   p99 {q[98] * 1000:7.1f} ms   p99 {q[98] / base[98]:5.2f}x "
            f"baseline"
        )


def single() -> None:
    """One process, SQLite, no message queue."""
    url = prepared_database()
    order_id, resident_id = make_prn_orders(url, 1)[0]
    server = BenchServer(url, app="bench.alert_wsgi:app")
    try:
        timings = measure([server], order_id, resident_id)
    finally:
        server.stop()
    report(
        f"alert latency: {CONSOLES} nurse consoles (python-socketio, websocket), {ROUNDS} rounds interleaved, "
        "one gunicorn+eventlet process, SQLite, no message queue (target p99 < 100 ms and < 2x the baseline's p99)",
        timings,
    )


def scaled(redis_url: str) -> None:
    """Two web processes and the scheduler sharing Redis, on DATABASE_URL if set (else SQLite)."""
    url = prepared_database(os.environ.get("DATABASE_URL"))
    order_id, resident_id = make_prn_orders(url, 1)[0]
    queue = {"SOCKETIO_MESSAGE_QUEUE": redis_url, "SOCKETIO_CHANNEL": f"facility-bench-{uuid.uuid4().hex}"}
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "facility", "scheduler"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench", **queue},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    servers = []
    try:
        servers = [BenchServer(url, app="bench.alert_wsgi:app", **queue) for _ in range(2)]
        timings = measure(servers, order_id, resident_id)
    finally:
        for server in servers:
            server.stop()
        scheduler.terminate()
        scheduler.wait(10)
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    report(
        f"alert latency, scaled out: {CONSOLES} consoles split over two gunicorn+eventlet processes, the scheduler "
        f"process running, Redis message queue, {database}, {ROUNDS} rounds interleaved",
        timings,
    )


def redis_url() -> str | None:
    """REDIS_URL, else the local Redis on 127.0.0.1:6379 when it answers; None without one."""
    import redis

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return None
    return url


def main() -> None:
    """Print p50/p99 of the alert's arrival beside the bare broadcast's, single and (with Redis) scaled out."""
    single()
    print()
    queue = redis_url()
    if queue is None:
        print("alert latency, scaled out: skipped, no Redis answers at REDIS_URL or 127.0.0.1:6379")
    else:
        scaled(queue)


if __name__ == "__main__":
    main()
