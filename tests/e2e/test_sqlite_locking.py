"""On SQLite one slow or locked writer does not freeze the others: reads take no write lock, waits are green."""

import socket
import sqlite3
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest

from tests.conftest import ON_POSTGRES
from tests.e2e.conftest import login_session

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(ON_POSTGRES, reason="SQLite's single writer lock")]


def check(resident_id=4):
    return {
        "uid": str(uuid.uuid4()),
        "resident_id": resident_id,
        "location": "dayroom",
        "state": "awake_calm",
        "occurred_at": datetime.now(UTC).isoformat(),
    }


def timed(call):
    began = time.monotonic()
    answer = call()
    return answer, time.monotonic() - began


def test_a_client_stalling_halfway_through_its_body_holds_up_no_one(start_server):
    server = start_server("eventlet")
    worker = login_session(server, "worker1")
    cookie = "; ".join(f"{k}={v}" for k, v in worker.cookies.items())
    slow = socket.create_connection(("127.0.0.1", server.port))
    slow.sendall(
        (
            f"POST /api/v1/rounds/checks HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\n"
            f"X-CSRFToken: {worker.headers['X-CSRFToken']}\r\nContent-Type: application/json\r\n"
            'Content-Length: 400\r\n\r\n{"uid": '
        ).encode()
    )
    try:
        time.sleep(0.5)  # the slow client is inside the request, waiting for the rest of its body
        board, board_took = timed(lambda: worker.get(server.url + "/api/v1/units/1/board", timeout=15))
        stored, store_took = timed(lambda: worker.post(server.url + "/api/v1/rounds/checks", json=check(), timeout=15))
        assert board.status_code == 200 and stored.status_code == 201
        assert board_took < 2 and store_took < 2, (board_took, store_took)
    finally:
        slow.close()


def test_a_writer_waiting_for_the_lock_lets_the_server_answer_others(start_server, database_url):
    server = start_server("eventlet")
    worker = login_session(server, "worker1")
    holder = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # someone else holds the write lock for a while
    try:
        with ThreadPoolExecutor(2) as pool:
            waiting = pool.submit(lambda: worker.post(server.url + "/api/v1/rounds/checks", json=check(), timeout=20))
            time.sleep(0.5)
            health, took = timed(lambda: worker.get(server.url + "/healthz", timeout=15))
            units, units_took = timed(lambda: worker.get(server.url + "/api/v1/units", timeout=15))
            assert health.status_code == 200 and took < 1, took  # the event loop is not frozen by the wait
            assert units.status_code == 200 and units_took < 1, units_took  # a read needs no write lock
            assert not waiting.done()
            # An audited read (the board) writes its audit row once the lock is free, like the waiting check.
            board = pool.submit(lambda: worker.get(server.url + "/api/v1/units/1/board", timeout=20))
            time.sleep(0.3)
            holder.execute("COMMIT")
            assert waiting.result(timeout=15).status_code == 201
            assert board.result(timeout=15).status_code == 200
    finally:
        holder.close()
