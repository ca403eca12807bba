"""A large offline batch beside a nurse's reads: POST /api/v1/sync of 500 checks, then two clients replaying it
three times each, while another session reads GET /api/v1/units five times a second.

One gunicorn+eventlet process serves everyone, so what matters is the reads' worst time while a batch is in
(target: under 1 s), beside the same read with nothing else going on (baseline, same run).
"""

from __future__ import annotations

import statistics
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

from bench.server import BenchServer, databases, prepared_database

BATCH = 500
NORTH_RESIDENTS = range(1, 13)
BASELINE_READS = 50


def _checks() -> list[dict]:
    start = datetime.now(UTC) - timedelta(minutes=60)
    return [
        {
            "type": "rounds.check",
            "body": {
                "uid": str(uuid.uuid4()),
                "resident_id": NORTH_RESIDENTS[n % len(NORTH_RESIDENTS)],
                "occurred_at": (start + timedelta(seconds=7 * n)).isoformat(),
                "location": "dayroom",
                "state": "awake_calm",
            },
        }
        for n in range(BATCH)
    ]


def _read(http, url: str) -> float:
    began = time.perf_counter()
    http.get(url, timeout=120).raise_for_status()
    return time.perf_counter() - began


def _while_sending(server, reader, clients: list, records: list[dict], times: int) -> tuple[float, list[float]]:
    """(seconds until every client's batches were answered, the times of the reads made meanwhile)."""

    def send(http):
        for _ in range(times):
            http.post(server.url + "/api/v1/sync", json={"records": records}, timeout=300).raise_for_status()

    threads = [threading.Thread(target=send, args=(http,)) for http in clients]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    reads = []
    while busy := [thread for thread in threads if thread.is_alive()]:
        reads.append(_read(reader, server.url + "/api/v1/units"))
        busy[0].join(0.2)
    return time.perf_counter() - began, reads


def main() -> None:
    """Print the reads' p50 and worst time beside the baseline, on SQLite, then on DATABASE_URL when set."""
    for database in databases():
        url = prepared_database(database)
        server = BenchServer(url)
        try:
            worker, tablet, nurse = (server.login(name) for name in ("worker1", "worker1", "nurse1"))
            baseline = [_read(nurse, server.url + "/api/v1/units") for _ in range(BASELINE_READS)]
            records = _checks()
            stored = _while_sending(server, nurse, [worker], records, 1)
            replayed = _while_sending(server, nurse, [worker, tablet], records, 3)
        finally:
            server.stop()
        print(f"sync batch beside GET /api/v1/units ({'PostgreSQL' if database else 'SQLite'}), target: worst < 1 s")
        print(f"{'':34} {'batch s':>8} {'reads':>6} {'p50 ms':>8} {'worst ms':>9}")
        print(
            f"{'baseline: reads alone':34} {'':>8} {len(baseline):>6} {statistics.median(baseline) * 1000:>8.1f} "
            f"{max(baseline) * 1000:>9.1f}"
        )
        for label, (seconds, reads) in (
            (f"store {BATCH} new records", stored),
            ("2 clients replay it 3 times each", replayed),
        ):
            print(
                f"{label:34} {seconds:>8.1f} {len(reads):>6} {statistics.median(reads) * 1000:>8.1f} "
                f"{max(reads) * 1000:>9.1f}"
            )


if __name__ == "__main__":
    main()
