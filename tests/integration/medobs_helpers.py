"""Shared pieces of the medication tests: a clock at noon in New York, order and observation bodies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest

from tests.conftest import MIDSHIFT, ApiClient, Clock, iso, new_uid
from tests.integration.rounds_helpers import FakeNotifier, notifier, open_alerts

NOON = MIDSHIFT  # 12:00 EDT on Wed 10 June 2026
TODAY = "2026-06-10"


def at_local(hhmm: str, day: str = TODAY) -> datetime:
    """A New York wall time on a June day (EDT, UTC-4) as UTC."""
    hours, minutes = map(int, hhmm.split(":"))
    base = datetime.fromisoformat(f"{day}T00:00:00+00:00")
    return base + timedelta(hours=hours + 4, minutes=minutes)


@pytest.fixture
def noon(clock):
    """The clock at noon in New York, before the demo loads."""
    clock.now = NOON
    return clock


def order_body(resident_id=4, **over):
    """A twice-daily scheduled order starting today."""
    return {
        "uid": new_uid(),
        "resident_id": resident_id,
        "medication": "risperidone",
        "strength": "2 mg",
        "dose": "1 tablet",
        "route": "oral",
        "times": ["12:00", "20:00"],
        "start_date": TODAY,
        **over,
    }


def prn_body(resident_id=4, **over):
    return order_body(
        resident_id,
        medication="hydroxyzine",
        strength="25 mg",
        times=[],
        prn=True,
        prn_indication="anxiety",
        prn_max_per_24h=2,
        **over,
    )


def obs_body(order_id, moment: datetime, resident_id=4, **over):
    """A dose taken at moment."""
    return {
        "uid": new_uid(),
        "resident_id": resident_id,
        "order_id": order_id,
        "occurred_at": iso(moment),
        "outcome": "taken",
        **over,
    }


@dataclass
class Med:
    """A nurse and a worker of North, the clock and the app."""

    app: object
    clock: Clock
    nurse: ApiClient
    worker: ApiClient
    pushes: FakeNotifier

    def order(self, **over) -> dict:
        answer = self.nurse.post("/api/v1/medications/orders", json=order_body(**over))
        assert answer.status_code == 201, answer.get_json()
        return answer.get_json()

    def prn(self, **over) -> dict:
        answer = self.nurse.post("/api/v1/medications/orders", json=prn_body(**over))
        assert answer.status_code == 201, answer.get_json()
        return answer.get_json()

    def observe(self, order_id, moment=None, **over):
        return self.worker.post("/api/v1/medobs", json=obs_body(order_id, moment or self.clock.now, **over))

    def med_pass(self, day=None):
        query = f"?date={day}" if day else ""
        answer = self.worker.get(f"/api/v1/units/1/med-pass{query}")
        assert answer.status_code == 200, answer.get_json()
        return answer.get_json()

    def sweep(self):
        from facility.scheduler import sweep

        sweep(self.app, self.clock.now)


@pytest.fixture
def med(noon, demo, login, notifier):
    demo.config["SESSION_IDLE_MINUTES"] = 24 * 60  # the tests move the clock by hours between requests
    return Med(demo, noon, login("nurse1"), login("worker1"), notifier)


__all__ = [
    "Med",
    "NOON",
    "TODAY",
    "at_local",
    "med",
    "noon",
    "notifier",
    "obs_body",
    "open_alerts",
    "order_body",
    "prn_body",
    "timezone",
]
