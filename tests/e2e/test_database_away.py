"""PostgreSQL gone for 30 seconds under a real server: the API says 503 in its JSON shape without hanging,
/healthz says so, and the tablet keeps its records queued and sends them, once, when the database is back."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
import requests

from tests.conftest import ON_POSTGRES
from tests.e2e.conftest import login_session
from tests.e2e.proxy import Proxy
from tests.e2e.tablet import check_uids, open_board, two_tap_check, waiting

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not ON_POSTGRES, reason="a database server to cut off")]


@pytest.fixture
def proxied(database_url):
    """The test database reached through a proxy the test can cut."""
    parts = urlsplit(database_url)
    proxy = Proxy(parts.hostname, parts.port or 5432)
    yield proxy, parts._replace(netloc=f"{parts.username}@127.0.0.1:{proxy.port}").geturl()
    proxy.close()


def timed(call):
    began = time.monotonic()
    answer = call()
    return answer, time.monotonic() - began


@pytest.mark.slow(reason="keeps PostgreSQL cut off while the tablet queues, then waits for it to be back")
def test_with_the_database_away_the_api_answers_503_and_the_tablet_sends_its_queue_when_it_returns(
    demo, proxied, browser
):
    from tests.e2e.conftest import Server

    proxy, url = proxied
    server = Server(url)
    try:
        nurse = login_session(server, "nurse1")
        before = set(check_uids(nurse, server))
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = open_board(context, server)
        two_tap_check(page, 1)
        waiting(page, 0)

        proxy.cut()
        away_until = time.monotonic() + 30
        body = {
            "uid": str(uuid.uuid4()),
            "resident_id": 5,
            "location": "dayroom",
            "state": "awake_calm",
            "occurred_at": datetime.now(UTC).isoformat(),
        }
        answer, took = timed(lambda: nurse.post(server.url + "/api/v1/rounds/checks", json=body, timeout=30))
        assert answer.status_code == 503 and took < 10
        assert answer.headers["Content-Type"].startswith("application/json") and answer.json()["code"] == 503
        health, took = timed(lambda: requests.get(server.url + "/healthz", timeout=30))
        assert health.status_code == 503 and health.json()["database"] == "unreachable" and took < 10
        for resident_id in (2, 3):
            two_tap_check(page, resident_id)
        waiting(page, 2)  # kept on the tablet, said on the screen
        time.sleep(max(0.0, away_until - time.monotonic()))

        proxy.restore()
        waiting(page, 0)  # the next try (at most 15 s) sends them
        assert requests.get(server.url + "/healthz", timeout=10).status_code == 200
        stored = [e for uid, e in check_uids(nurse, server).items() if uid not in before and e["resident_id"] in (2, 3)]
        assert sorted(e["resident_id"] for e in stored) == [2, 3]
        assert nurse.post(server.url + "/api/v1/rounds/checks", json=body).status_code == 201
        context.close()
    finally:
        server.stop()
