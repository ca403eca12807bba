"""Live alerts against a real gunicorn server (eventlet, and gevent) with a real Socket.IO client."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.alert_factory import raise_committed
from tests.e2e.alert_clients import ROOMY_LOGIN, Console

pytestmark = pytest.mark.e2e

# The server's own sweep runs every second, so what it raises or upgrades is pushed from inside the server.
SWEEPING = {"SCHEDULER_EMBEDDED": "1", "SWEEP_SECONDS": "1", **ROOMY_LOGIN}


def minutes_ago(minutes: int) -> datetime:
    return datetime.now(UTC) - timedelta(minutes=minutes)


@pytest.mark.parametrize("worker", ["eventlet", "gevent"])
def test_the_servers_sweep_pushes_live_and_an_acknowledgement_reaches_every_console_of_the_unit(
    demo, start_server, worker, south_nurse
):
    server = start_server(worker, **SWEEPING)
    nurse, lead, south = (Console(server, name).connect() for name in ("nurse1", "lead1", south_nurse))
    # a warning nobody acknowledged for 11 minutes: the server's sweep makes it critical and pushes it
    [alert_id] = raise_committed(demo, "North", now=minutes_ago(11), severity="warning")
    for console in (nurse, lead):
        assert console.wait_for("alert", lambda b: b["id"] == alert_id)["severity"] == "critical"

    answer = nurse.http.post(f"{server.url}/api/v1/alerts/{alert_id}/ack", json={"note": "seen"})
    assert answer.status_code == 200
    for console in (nurse, lead):
        acked = console.wait_for("alert_acked")
        assert acked["id"] == alert_id and acked["acknowledged_by"] == "Nell Norris"
    assert nurse.http.post(f"{server.url}/api/v1/alerts/{alert_id}/ack", json={}).status_code == 409
    # South hears only South (the demo's own overdue checks), never North's alert or its acknowledgement
    assert all(body.get("unit_id", 2) == 2 and body["id"] != alert_id for _, body in south.received)
    for console in (nurse, lead, south):
        console.disconnect()


def test_a_console_that_was_offline_gets_exactly_the_alerts_it_missed_on_reconnect(demo, start_server):
    server = start_server(**ROOMY_LOGIN)
    [before] = raise_committed(demo, "North")
    nurse = Console(server, "nurse1").connect(last_alert_id=before)
    assert nurse.received == []
    nurse.disconnect()
    missed = raise_committed(demo, "North", count=3)
    raise_committed(demo, "South", count=2)
    nurse.connect(last_alert_id=before)
    # the replay is written before the connection is confirmed, so it is complete once connect returns
    assert [(name, body["id"]) for name, body in nurse.received] == [("alert", i) for i in missed]
    assert all(body["unit_id"] == 1 and body["acknowledged_at"] is None for _, body in nurse.received)
    nurse.disconnect()


def test_a_socket_without_a_session_is_refused_by_the_real_server(start_server):
    import socketio

    server = start_server()
    client = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(server.url, namespaces=["/alerts"], transports=["websocket"], wait_timeout=10)


def test_a_check_posted_over_http_raises_an_alert_that_arrives_on_the_socket(start_server):
    import uuid

    server = start_server(**ROOMY_LOGIN)
    nurse = Console(server, "nurse1").connect()
    worker = Console(server, "worker1")
    check = {
        "uid": str(uuid.uuid4()),
        "resident_id": 2,
        "occurred_at": datetime.now(UTC).isoformat(),
        "location": "unable_to_locate",
        "state": "awake_calm",
    }
    answer = worker.http.post(f"{server.url}/api/v1/rounds/checks", json=check)
    assert answer.status_code == 201
    alert = nurse.wait_for("alert", lambda body: body["kind"] == "resident_missing")
    assert alert["severity"] == "critical" and alert["source_uid"] == check["uid"]
    assert alert["resident_display"] == "Ben O. · N102"
    nurse.disconnect()
