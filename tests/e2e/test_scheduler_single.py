"""On SQLite there is one scheduler per database: a second process refuses to start instead of sweeping twice."""

from __future__ import annotations

import signal

import pytest

from tests.conftest import ON_POSTGRES
from tests.e2e.alert_clients import SchedulerProcess, wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(ON_POSTGRES, reason="PostgreSQL keeps a standby instead")]


@pytest.fixture
def schedulers(demo, database_url):
    started: list[SchedulerProcess] = []

    def start() -> SchedulerProcess:
        process = SchedulerProcess(database_url, SCHEDULER_RETRY_SECONDS="1", SWEEP_SECONDS="1")
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


@pytest.mark.slow(reason="two scheduler processes, each starting the whole app")
def test_a_second_scheduler_on_the_same_sqlite_database_refuses_to_start(schedulers):
    first = schedulers()
    wait_until(lambda: "this scheduler leads" in first.output(), timeout=30, what="the first scheduler to lead")
    second = schedulers()
    assert second.process.wait(30) != 0
    assert "another scheduler already runs on this SQLite database" in second.output()
    assert "this scheduler leads" not in second.output()
    assert first.process.poll() is None  # the first one keeps sweeping


@pytest.mark.slow(reason="two scheduler processes, each starting the whole app")
def test_after_the_scheduler_is_killed_a_new_one_leads(schedulers):
    first = schedulers()
    wait_until(lambda: "this scheduler leads" in first.output(), timeout=30, what="the first scheduler to lead")
    first.process.send_signal(signal.SIGKILL)  # no goodbye: the operating system drops its lock
    first.process.wait(10)
    second = schedulers()
    wait_until(lambda: "this scheduler leads" in second.output(), timeout=30, what="the new scheduler to lead")
