"""Scaled out, under faults: a console cut off while alerts are raised on two web processes, and Redis away
for 30 seconds. Nothing acknowledged is lost and every console ends up with every alert exactly once, in order."""

from __future__ import annotations

import subprocess
import threading
import time
import uuid
from datetime import UTC, datetime

import pytest
import requests

from tests.e2e.alert_clients import Console, wait_until
from tests.e2e.conftest import free_port, login_session
from tests.e2e.test_alerts_scaled import shared_queue  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.services]


def check(resident_id: int, state: str) -> dict:
    return {
        "uid": str(uuid.uuid4()),
        "resident_id": resident_id,
        "location": "dayroom",
        "state": state,
        "occurred_at": datetime.now(UTC).isoformat(),
    }


def raise_and_clear(server, http, resident_id: int, times: int, answers: list[int]) -> None:
    """An agitated check (one behaviour-change alert), then a calm one that resolves it; `times` over."""
    for _ in range(times):
        for state in ("agitated", "awake_calm"):
            began = time.monotonic()
            answer = http.post(server.url + "/api/v1/rounds/checks", json=check(resident_id, state), timeout=15)
            answers.append(answer.status_code)
            assert time.monotonic() - began < 10, "a record took more than 10 s to be answered"


def alert_ids_after(server, http, after_id: int) -> list[int]:
    """Every alert of North after after_id, as the REST API lists them (ordered by id)."""
    ids: list[int] = []
    while True:
        page = http.get(server.url + "/api/v1/alerts", params={"unit_id": 1, "after_id": after_id, "limit": 1000})
        page.raise_for_status()
        body = page.json()
        ids += [item["id"] for item in body["items"]]
        if not body["next_after_id"]:
            return ids
        after_id = body["next_after_id"]


def alerts_in(console: Console) -> list[int]:
    return [body["id"] for body in console.named("alert")]


@pytest.mark.slow(reason="two web processes and a scheduler; 100 alerts raised while a console is cut off")
def test_a_console_cut_off_while_100_alerts_are_raised_on_two_processes_catches_up_exactly_once_in_order(
    demo, start_server, shared_queue
):
    a, b = start_server(**shared_queue), start_server(**shared_queue)
    nurse = Console(b, "nurse1").connect()
    nurse.disconnect()
    last_seen = max(alerts_in(nurse), default=0)
    workers = [(server, login_session(server, "worker1")) for server in (a, b, a, b)]
    answers: list[int] = []
    threads = [
        threading.Thread(target=raise_and_clear, args=(server, http, 1 + i * 3 + j, 25 // 3 + (j < 25 % 3), answers))
        for i, (server, http) in enumerate(workers)
        for j in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert answers.count(201) == 200
    raised = alert_ids_after(b, nurse.http, last_seen)
    assert len(raised) == 100

    nurse.received.clear()
    nurse.connect(last_alert_id=last_seen)
    wait_until(lambda: len(alerts_in(nurse)) >= 100, timeout=20, what="the replay of 100 alerts")
    time.sleep(0.5)  # anything more would be a duplicate
    assert alerts_in(nurse) == raised
    nurse.disconnect()


class PrivateRedis:
    """A redis-server of this test's own, so that stopping it disturbs nothing else."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        wait_until(self.answers, timeout=10, what="redis-server to answer")

    def answers(self) -> bool:
        import redis

        try:
            return bool(redis.Redis.from_url(self.url, socket_connect_timeout=1).ping())
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@pytest.fixture
def private_redis():
    server = PrivateRedis()
    yield server
    server.stop()


@pytest.mark.slow(reason="Redis stays away for 30 s, as its name says")
def test_with_redis_away_for_30_seconds_records_are_stored_and_consoles_catch_up_when_it_returns(
    demo, start_server, private_redis, shared_queue
):
    queue = {**shared_queue, "SOCKETIO_MESSAGE_QUEUE": private_redis.url}
    a, b = start_server(**queue), start_server(**queue)
    nurse = Console(b, "nurse1").connect()
    worker = login_session(a, "worker1")
    answers: list[int] = []
    raise_and_clear(a, worker, 2, 1, answers)  # the queue carries it from A to the console on B
    wait_until(lambda: alerts_in(nurse), what="the first alert through the queue")
    last_seen = max(alerts_in(nurse))

    private_redis.stop()
    away_until = time.monotonic() + 30
    while time.monotonic() < away_until:
        raise_and_clear(a, worker, 3, 1, answers)
        raise_and_clear(b, worker, 4, 1, answers)
        time.sleep(2)
    assert set(answers) == {201}  # stored and acknowledged all along
    raised = alert_ids_after(b, nurse.http, last_seen)
    missed = [i for i in raised if i not in alerts_in(nurse)]
    assert len(raised) >= 4 and missed  # what A raised could not cross to B

    private_redis.start()
    told = wait_until(lambda: nurse.named("catch_up"), timeout=30, what="the console to be told to catch up")[0]
    assert told["after_id"] <= last_seen
    nurse.disconnect()  # what the console page does on catch_up: reconnect from the id it was given
    nurse.received.clear()
    nurse.connect(last_alert_id=told["after_id"])
    wait_until(lambda: set(raised) <= set(alerts_in(nurse)), timeout=20, what="the alerts raised while away")
    replayed = [i for i in alerts_in(nurse) if i > last_seen]
    assert replayed == raised  # each once, in order
    nurse.disconnect()
    assert requests.get(b.url + "/healthz", timeout=5).status_code == 200
