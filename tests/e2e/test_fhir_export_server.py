"""A bulk export runs in the background of the one green server process: /healthz is answered while it runs."""

from __future__ import annotations

import hashlib
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert

from tests.e2e.conftest import login_session

pytestmark = pytest.mark.e2e

CHECKS = 30_000  # a few weeks of q15 checks on North: enough that the export takes seconds, not milliseconds


def seed_checks(app) -> None:
    """Store CHECKS rounds checks of North's residents, as if recorded over the past weeks."""
    from facility.records.models import Event

    start = datetime.now(UTC) - timedelta(days=30)
    rows = [
        {
            "uid": str(uuid.uuid4()),
            "kind": "rounds.check",
            "unit_id": 1,
            "resident_id": 1 + n % 12,
            "actor_id": 2,
            "occurred_at": start + timedelta(seconds=80 * n),
            "recorded_at": start + timedelta(seconds=80 * n),
            "late_entry": False,
            "data": {"location": "own_room", "state": "awake_calm", "breathing_observed": None, "note": None},
            "body_hash": hashlib.sha256(str(n).encode()).hexdigest(),
        }
        for n in range(CHECKS)
    ]
    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        session.execute(insert(Event), rows)
        session.commit()
        session.close()


def timed_health(http, url: str) -> float:
    began = time.perf_counter()
    answer = http.get(url + "/healthz", timeout=60)
    assert answer.status_code == 200, answer.text
    return time.perf_counter() - began


@pytest.mark.slow(reason="stores 30,000 checks, then exports them through a real server while probing it")
def test_the_server_answers_healthz_while_an_export_runs(demo, start_server):
    seed_checks(demo)
    server = start_server("eventlet")
    lead = login_session(server, "lead1")
    quiet = [timed_health(lead, server.url) for _ in range(5)]
    kick = lead.get(server.url + "/fhir/$export", headers={"Prefer": "respond-async"})
    assert kick.status_code == 202, kick.text
    status_url = kick.headers["Content-Location"]
    answered_while_running, probes = 0, []
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        probes.append(timed_health(lead, server.url))
        status = lead.get(status_url, timeout=60)
        if status.status_code == 200:
            break
        assert status.status_code == 202, status.text
        assert status.headers["X-Progress"]
        answered_while_running += 1
        time.sleep(0.1)
    assert status.status_code == 200, "the export did not finish"
    assert answered_while_running >= 1, "the export finished before the server was probed: seed more checks"
    limit = max(2.0, 5 * max(quiet))
    assert max(probes) < limit, f"/healthz took {max(probes):.2f} s during the export (quiet: {max(quiet):.2f} s)"
    observations = [entry for entry in status.json()["output"] if entry["type"] == "Observation"]
    assert sum(entry["count"] for entry in observations) >= CHECKS
    first = lead.get(observations[0]["url"], timeout=60)
    assert first.headers["Content-Type"].startswith("application/fhir+ndjson")
