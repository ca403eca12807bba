"""Shared pieces of the daily-care tests: a clock at noon in New York, staff of North, record bodies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from tests.conftest import MIDSHIFT, ApiClient, Clock, iso, new_uid
from tests.integration.rounds_helpers import FakeNotifier, notifier, open_alerts

NOON = MIDSHIFT  # 12:00 EDT on Wed 10 June 2026; the demo residents arrived at 10:00


def meal_body(at: datetime, percent: int, resident_id=4, meal="lunch", **over):
    return {
        "uid": new_uid(),
        "resident_id": resident_id,
        "occurred_at": iso(at),
        "activity": "meal",
        "support": "supervision",
        "meal": meal,
        "percent_eaten": percent,
        **over,
    }


def adl_body(at: datetime, resident_id=4, **over):
    return {
        "uid": new_uid(),
        "resident_id": resident_id,
        "occurred_at": iso(at),
        "activity": "hygiene",
        "support": "limited_assist",
        **over,
    }


def outing_body(at: datetime, back: datetime, resident_id=4, **over):
    return {
        "uid": new_uid(),
        "resident_id": resident_id,
        "occurred_at": iso(at),
        "destination": "pharmacy",
        "expected_return_at": iso(back),
        **over,
    }


@dataclass
class Care:
    """A worker, a nurse and a lead of North, a worker of South, the clock and the app."""

    app: object
    clock: Clock
    worker: ApiClient
    nurse: ApiClient
    lead: ApiClient
    south: ApiClient
    pushes: FakeNotifier

    def ok(self, answer, status=201) -> dict:
        assert answer.status_code == status, answer.get_json()
        return answer.get_json()

    def meal(self, percent: int, at: datetime | None = None, **over):
        return self.worker.post("/api/v1/adl", json=meal_body(at or self.clock.now, percent, **over))

    def goal(self, resident_id=4, text="Attend two groups a day") -> dict:
        return self.ok(
            self.nurse.post(
                f"/api/v1/residents/{resident_id}/goals",
                json={"uid": new_uid(), "text": text, "target_date": "2026-07-01"},
            )
        )

    def consent(self, resident_id=4, name="Maria Reyes", **over) -> dict:
        body = {"uid": new_uid(), "contact_name": name, "relationship": "sister", "scope": "general_updates", **over}
        return self.ok(self.nurse.post(f"/api/v1/residents/{resident_id}/consents", json=body))

    def sign_out(self, minutes_out=60, **over):
        back = self.clock.now + timedelta(minutes=minutes_out)
        return self.worker.post("/api/v1/outings", json=outing_body(self.clock.now, back, **over))

    def sign_in(self, outing_id, **over):
        return self.worker.post(
            f"/api/v1/outings/{outing_id}/return", json={"uid": new_uid(), "occurred_at": iso(self.clock.now), **over}
        )

    def sync(self, *records, client=None) -> list[dict]:
        answer = (client or self.worker).post(
            "/api/v1/sync", json={"records": [{"type": kind, "body": body} for kind, body in records]}
        )
        return self.ok(answer, 200)["results"]

    def sweep(self):
        from facility.scheduler import sweep

        sweep(self.app, self.clock.now)


@pytest.fixture
def care(clock, demo, login, notifier):
    demo.config["SESSION_IDLE_MINUTES"] = 24 * 60  # the tests move the clock by hours between requests
    return Care(demo, clock, login("worker1"), login("nurse1"), login("lead1"), login("worker2"), notifier)


@pytest.fixture
def noon(clock):
    """The clock at noon in New York, before the demo loads."""
    clock.now = NOON
    return clock


__all__ = ["Care", "NOON", "adl_body", "care", "meal_body", "noon", "notifier", "open_alerts", "outing_body"]
