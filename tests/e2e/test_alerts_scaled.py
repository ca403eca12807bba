"""Scaled out: two web processes and the scheduler process sharing Redis; one scheduler leads on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import create_engine, text

from facility.leader import LOCK_KEY
from tests.alert_factory import raise_committed, resident_of
from tests.conftest import ON_POSTGRES
from tests.e2e.alert_clients import ROOMY_LOGIN, Console, SchedulerProcess, wait_until
from tests.e2e.conftest import login_session

pytestmark = [pytest.mark.e2e, pytest.mark.services]


def queue_url() -> str:
    """Redis of REDIS_URL on database 5 (pub/sub ignores the database: the per-test channel isolates)."""
    return urlsplit(os.environ["REDIS_URL"])._replace(path="/5").geturl()


@pytest.fixture
def shared_queue():
    return {
        "SOCKETIO_MESSAGE_QUEUE": queue_url(),
        "SOCKETIO_CHANNEL": f"facility-test-{uuid.uuid4().hex}",
        **ROOMY_LOGIN,
    }


@pytest.fixture
def schedulers(database_url):
    started: list[SchedulerProcess] = []

    def start(**env: str) -> SchedulerProcess:
        process = SchedulerProcess(database_url, SCHEDULER_RETRY_SECONDS="1", SWEEP_SECONDS="1", **env)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


@pytest.mark.slow(reason="two web processes and a scheduler process sharing Redis")
def test_pushes_cross_processes_through_redis(demo, start_server, schedulers, shared_queue, south_nurse):
    a, b = start_server(**shared_queue), start_server(**shared_queue)
    scheduler = schedulers(**shared_queue)
    wait_until(lambda: "this scheduler leads" in scheduler.output(), what="the scheduler to lead")
    nurse_on_b, lead_on_a = Console(b, "nurse1").connect(), Console(a, "lead1").connect()
    south_on_b = Console(b, south_nurse).connect()

    # raised (made critical) by the scheduler process, heard on both web processes
    [alert_id] = raise_committed(demo, "North", now=datetime.now(UTC) - timedelta(minutes=11), severity="warning")
    for console in (nurse_on_b, lead_on_a):
        assert console.wait_for("alert", lambda body: body["id"] == alert_id)["severity"] == "critical"

    # acknowledged over HTTP on process A, heard by the console on process B
    assert nurse_on_b.http.post(f"{a.url}/api/v1/alerts/{alert_id}/ack", json={}).status_code == 200
    assert nurse_on_b.wait_for("alert_acked")["id"] == alert_id

    # an event POSTed to process A runs the registry, and what it resolves is heard on process B
    resident_id = next(body for body in nurse_on_b.named("alert") if body["id"] == alert_id)["resident_id"]
    answer = lead_on_a.http.post(
        f"{a.url}/api/v1/residents/{resident_id}/discharge",
        json={"uid": str(uuid.uuid4()), "occurred_at": datetime.now(UTC).isoformat()},
    )
    assert answer.status_code == 200
    nurse_on_b.wait_for("alert_resolved", lambda body: body["id"] == alert_id)
    # South hears only South (the demo's own overdue checks), never North's alert
    assert all(body.get("unit_id", 2) == 2 and body["id"] != alert_id for _, body in south_on_b.received)
    for console in (nurse_on_b, lead_on_a, south_on_b):
        console.disconnect()


def test_a_logout_on_one_process_closes_the_users_consoles_on_the_other(demo, start_server, shared_queue):
    a, b = start_server(**shared_queue), start_server(**shared_queue)
    nurse_on_b, lead_on_b = Console(b, "nurse1").connect(), Console(b, "lead1").connect()
    nurse_on_a = Console(a, "nurse1")
    assert nurse_on_a.http.post(f"{a.url}/api/v1/auth/logout").status_code == 204  # ends all of nurse1's sessions
    wait_until(lambda: not nurse_on_b.client.connected, timeout=10, what="nurse1's console on B to be closed")
    assert lead_on_b.client.connected  # only the user who logged out
    agitated = {
        "uid": str(uuid.uuid4()),
        "resident_id": 2,
        "occurred_at": datetime.now(UTC).isoformat(),
        "location": "dayroom",
        "state": "agitated",
    }
    assert lead_on_b.http.post(f"{a.url}/api/v1/rounds/checks", json=agitated).status_code == 201
    raised = lead_on_b.wait_for("alert", lambda body: body["source_uid"] == agitated["uid"])
    assert all(body.get("id") != raised["id"] for _, body in nurse_on_b.received)
    lead_on_b.disconnect()


def agitated(demo, unit_name: str) -> dict:
    """A round check finding the first resident of unit_name agitated (which raises an alert)."""
    with demo.app_context():
        session = demo.extensions["facility_db"].new_session()
        resident_id = resident_of(session, unit_name).id
        session.close()
    return {
        "uid": str(uuid.uuid4()),
        "resident_id": resident_id,
        "occurred_at": datetime.now(UTC).isoformat(),
        "location": "dayroom",
        "state": "agitated",
    }


def test_a_nurse_taken_off_a_unit_on_one_process_stops_hearing_it_on_the_other(
    demo, start_server, shared_queue, add_staff
):
    add_staff("bothnurse", ["North", "South"])
    a, b = start_server(**shared_queue), start_server(**shared_queue)
    nurse_on_b, lead_on_b = Console(b, "bothnurse").connect(), Console(b, "lead1").connect()
    nurse_id = nurse_on_b.http.get(f"{b.url}/api/v1/auth/me").json()["user"]["id"]
    admin = login_session(a, "admin")
    assert admin.patch(f"{a.url}/api/v1/users/{nurse_id}", json={"unit_ids": [2]}).status_code == 200
    wait_until(lambda: not nurse_on_b.client.connected, timeout=10, what="the nurse's console on B to be closed")
    assert lead_on_b.client.connected  # only the user whose access changed
    nurse_on_b.connect()  # as the console does by itself: her session goes on, now on South only
    north, south = agitated(demo, "North"), agitated(demo, "South")
    assert lead_on_b.http.post(f"{a.url}/api/v1/rounds/checks", json=north).status_code == 201
    assert nurse_on_b.http.post(f"{a.url}/api/v1/rounds/checks", json=south).status_code == 201
    lead_on_b.wait_for("alert", lambda body: body["source_uid"] == north["uid"])
    nurse_on_b.wait_for("alert", lambda body: body["source_uid"] == south["uid"])  # published after North's
    assert all(body["source_uid"] != north["uid"] for body in nurse_on_b.named("alert"))
    for console in (nurse_on_b, lead_on_b):
        console.disconnect()


def advisory_holders(database_url: str) -> int:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        count = connection.scalar(
            text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = :key "
                "AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            ),
            {"key": LOCK_KEY},
        )
    engine.dispose()
    return count


@pytest.mark.skipif(not ON_POSTGRES, reason="leadership by advisory lock is a PostgreSQL feature")
def test_two_schedulers_started_together_yield_one_leader_and_the_other_takes_over(
    demo, database_url, schedulers, shared_queue
):
    first, second = schedulers(**shared_queue), schedulers(**shared_queue)
    both = (first, second)
    wait_until(lambda: all("scheduler process started" in s.output() for s in both), what="both schedulers")
    leader = wait_until(lambda: next((s for s in both if "this scheduler leads" in s.output()), None), what="a leader")
    follower = second if leader is first else first
    wait_until(lambda: "another scheduler holds leadership" in follower.output(), what="the other to wait")
    assert "this scheduler leads" not in follower.output()
    assert advisory_holders(database_url) == 1

    leader.stop()
    wait_until(lambda: "this scheduler leads" in follower.output(), what="the follower to take over")
    assert advisory_holders(database_url) == 1
