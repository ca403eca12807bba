"""A crash in the middle of a load: every record answered 2xx survives, and sending everything again duplicates
nothing (SQLite here, PostgreSQL under CI's second run)."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import uuid
from collections import Counter
from datetime import UTC, datetime

import pytest
import requests

from tests.e2e.alert_clients import wait_until
from tests.e2e.conftest import login_session

pytestmark = pytest.mark.e2e

CLIENTS = 6


def check(resident_id: int) -> tuple[str, dict]:
    return "/api/v1/rounds/checks", {
        "uid": str(uuid.uuid4()),
        "resident_id": resident_id,
        "location": "dayroom",
        "state": "awake_calm",
        "occurred_at": datetime.now(UTC).isoformat(),
    }


def kill_hard(server) -> None:
    """SIGKILL to gunicorn's master and its worker at once: no shutdown, no flush, no goodbye."""
    children = subprocess.run(["pgrep", "-P", str(server.process.pid)], capture_output=True, text=True).stdout.split()
    for pid in [server.process.pid, *map(int, children)]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    server.process.wait(10)


def stored_uids(server, kind: str) -> Counter:
    nurse = login_session(server, "nurse1")
    seen: Counter = Counter()
    after = None
    while True:
        page = nurse.get(
            server.url + "/api/v1/events",
            params={"unit_id": 1, "kind": kind, "limit": 1000, **({"after_id": after} if after else {})},
            timeout=30,
        )
        page.raise_for_status()
        body = page.json()
        seen.update(item["uid"] for item in body["items"])
        if not (after := body["next_after_id"]):
            return seen


@pytest.mark.slow(
    reason="six clients write until 100 records are acknowledged, then the server is killed, restarted "
    "and every record sent again"
)
def test_records_acknowledged_before_a_sigkill_are_all_there_and_resending_duplicates_none(start_server):
    server = start_server("eventlet")
    sessions = [login_session(server, "worker1") for _ in range(CLIENTS)]
    sent: list[tuple[int, str, dict]] = []  # (client, path, body) of every request tried
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(index: int) -> None:
        resident = 1 + index % 12
        while not stop.is_set():
            path, body = check(resident)
            with lock:
                sent.append((index, path, body))
            try:
                answer = sessions[index].post(server.url + path, json=body, timeout=10)
            except requests.RequestException:
                return  # the server is gone: this record was never acknowledged
            if answer.status_code in (200, 201):
                with lock:
                    acknowledged.append(body["uid"])

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    wait_until(lambda: len(acknowledged) >= 100, timeout=60, what="100 acknowledged records")
    kill_hard(server)
    stop.set()
    for thread in threads:
        thread.join(15)

    server.plug_in()
    stored = stored_uids(server, "rounds.check")
    lost = [uid for uid in acknowledged if uid not in stored]
    assert lost == [], f"{len(lost)} acknowledged records lost"

    again = [login_session(server, "worker1") for _ in range(CLIENTS)]
    answers = Counter(again[i].post(server.url + path, json=body, timeout=30).status_code for i, path, body in sent)
    assert set(answers) <= {200, 201}, answers
    assert answers[200] >= len(acknowledged)  # everything acknowledged before is found again, not made anew
    stored = stored_uids(server, "rounds.check")
    assert sorted(stored.values())[-1] == 1  # no uid twice
    assert set(stored) >= {body["uid"] for _, _, body in sent}
