"""Real Socket.IO consoles for end-to-end tests, and bounded waiting for what they receive."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import socketio

from tests.e2e.conftest import ROOT, Server, login_session

EVENTS = ("alert", "alert_acked", "alert_resolved", "resync", "catch_up")
# Several consoles log in per test; under REDIS_URL the login limit is shared by every server of the run.
ROOMY_LOGIN = {"LOGIN_RATE_LIMIT": "1000 per minute"}


def wait_until(predicate, timeout: float = 15.0, what: str = "condition"):
    """Poll predicate until it is truthy (its value is returned) or fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


class Console:
    """A python-socketio client on /alerts, logged in through the HTTP session cookie."""

    def __init__(self, server: Server, username: str) -> None:
        self.server = server
        self.http = login_session(server, username)
        self.received: list[tuple[str, dict]] = []
        self.client = socketio.Client(reconnection=False)
        for name in EVENTS:
            self.client.on(name, lambda data, name=name: self.received.append((name, data)), namespace="/alerts")

    def connect(self, **auth) -> Console:
        """Connect (again), giving auth such as last_alert_id."""
        # a socket the server closed drops its transport a moment after it says so
        wait_until(lambda: self.client.eio.state == "disconnected", what="the previous connection to end")
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)
        self.client.connect(
            self.server.url,
            namespaces=["/alerts"],
            headers={"Cookie": cookie},
            auth=auth or None,
            transports=["websocket"],
            wait_timeout=15,
        )
        return self

    def disconnect(self) -> None:
        if self.client.connected:
            self.client.disconnect()

    def named(self, name: str) -> list[dict]:
        return [body for event, body in self.received if event == name]

    def wait_for(self, name: str, predicate=lambda body: True) -> dict:
        """The first `name` event whose body satisfies predicate, waiting for it if need be."""
        return wait_until(
            lambda: next((b for b in self.named(name) if predicate(b)), None), what=f"{name} at {self.server.url}"
        )


class SchedulerProcess(Server):
    """`flask --app wsgi facility scheduler` as a process of its own (stopped and read like a Server)."""

    QUIT_SIGNAL = signal.SIGTERM  # lets go of leadership on its way out

    def __init__(self, database_url: str, **env: str) -> None:
        path = Path(os.environ.get("TMPDIR", "/tmp")) / f"facility-scheduler-{os.getpid()}-{id(self)}.log"
        self.log = open(path, "w+")
        environment = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "e2e-secret", **env}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "facility", "scheduler"],
            cwd=ROOT,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
