"""The scheduler killed across a shift boundary: once restarted, the shift's handoff appears, and only once."""

from __future__ import annotations

import signal
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from facility.census.models import Unit
from facility.handoff.models import Handoff
from tests.e2e.alert_clients import SchedulerProcess, wait_until

pytestmark = pytest.mark.e2e


def next_boundary(zone: ZoneInfo) -> datetime:
    """A whole local minute at least 20 s away (shift starts are HH:MM)."""
    soon = datetime.now(UTC) + timedelta(seconds=20)
    return (soon + timedelta(minutes=1)).astimezone(zone).replace(second=0, microsecond=0)


def handoffs_ending(app, unit_id: int, end: datetime) -> int:
    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        try:
            return session.scalar(
                select(func.count(Handoff.id)).where(Handoff.unit_id == unit_id, Handoff.shift_end == end)
            )
        finally:
            session.close()


@pytest.mark.slow(
    reason="waits on the wall clock for a real shift boundary (20 to 80 s) between two scheduler processes"
)
def test_a_scheduler_killed_before_a_boundary_and_restarted_after_it_builds_that_handoff_once(demo, database_url):
    zone = ZoneInfo(demo.config["FACILITY_TIMEZONE"])
    boundary = next_boundary(zone)
    starts = [(boundary + timedelta(hours=h)).strftime("%H:%M") for h in (0, 8, 16)]
    with demo.app_context():
        session = demo.extensions["facility_db"].new_session()
        north = session.scalar(select(Unit).where(Unit.name == "North"))
        north.shift_starts = starts
        session.commit()
        unit_id = north.id
        session.close()

    started: list[SchedulerProcess] = []
    try:
        first = SchedulerProcess(database_url, SCHEDULER_RETRY_SECONDS="1", SWEEP_SECONDS="5")
        started.append(first)
        wait_until(lambda: "this scheduler leads" in first.output(), timeout=30, what="the scheduler to lead")
        first.process.send_signal(signal.SIGKILL)  # down before the boundary, with no chance to tidy up
        first.process.wait(10)
        assert handoffs_ending(demo, unit_id, boundary) == 0
        time.sleep(max(0.0, (boundary - datetime.now(UTC)).total_seconds()) + 1)

        second = SchedulerProcess(database_url, SCHEDULER_RETRY_SECONDS="1", SWEEP_SECONDS="5")
        started.append(second)
        wait_until(
            lambda: handoffs_ending(demo, unit_id, boundary) == 1,
            timeout=60,
            what="the handoff of the shift that ended while no scheduler ran",
        )
        second.stop()
        third = SchedulerProcess(database_url, SCHEDULER_RETRY_SECONDS="1", SWEEP_SECONDS="5")
        started.append(third)
        wait_until(lambda: "this scheduler leads" in third.output(), timeout=30, what="a third scheduler to lead")
        time.sleep(3)  # its catch-up has run over the same week
        assert handoffs_ending(demo, unit_id, boundary) == 1
    finally:
        for process in started:
            process.stop()
