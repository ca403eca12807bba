"""Shared pieces of the incident tests: the clock at noon in New York, report and episode bodies, a workbench."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from tests.conftest import MIDSHIFT, ApiClient, Clock, iso, new_uid
from tests.integration.rounds_helpers import FakeNotifier, notifier, open_alerts

NOON = MIDSHIFT  # 12:00 EDT on Wed 10 June 2026; the demo residents arrived at 10:00
WORKER1, NURSE1, LEAD1 = 2, 4, 5  # demo user ids


def report_body(clock: Clock, **over) -> dict:
    """A complete moderate report of a scuffle in the dayroom ten minutes ago, talked down."""
    return {
        "uid": new_uid(),
        "unit_id": 1,
        "occurred_at": iso(clock.now - timedelta(minutes=10)),
        "location": "dayroom",
        "resident_ids": [1, 2],
        "staff_ids": [WORKER1],
        "category": "physical_aggression_peer",
        "severity": "moderate",
        "antecedent": "argument over the television",
        "behavior": "pushed a peer",
        "consequence": "separated, calmed in own room",
        "interventions": ["verbal_deescalation", "redirection"],
        "notifications": [{"whom": "nurse_supervisor", "at": iso(clock.now - timedelta(minutes=5))}],
        "narrative": "Resident raised voice then pushed a peer; staff talked both down.",
        **over,
    }


def episode_body(clock: Clock, resident_id: int = 1, **over) -> dict:
    """A physical hold of resident_id starting now, ordered now by Dr Osei."""
    return {
        "uid": new_uid(),
        "resident_id": resident_id,
        "kind": "physical_hold",
        "started_at": iso(clock.now),
        "ordered_by": "Dr A. Osei",
        "ordered_at": iso(clock.now),
        **over,
    }


@dataclass
class Desk:
    """A worker, a nurse and a lead of North, the clock, the app and the pushes."""

    app: object
    clock: Clock
    worker: ApiClient
    nurse: ApiClient
    lead: ApiClient
    pushes: FakeNotifier

    def file(self, who: ApiClient | None = None, **over) -> dict:
        answer = (who or self.worker).post("/api/v1/incidents", json=report_body(self.clock, **over))
        assert answer.status_code == 201, answer.get_json()
        return answer.get_json()

    def read(self, incident_id: int, who: ApiClient | None = None) -> dict:
        answer = (who or self.nurse).get(f"/api/v1/incidents/{incident_id}")
        assert answer.status_code == 200, answer.get_json()
        return answer.get_json()

    def step(self, who: ApiClient, incident_id: int, step: str, **body):
        return who.post(f"/api/v1/incidents/{incident_id}/{step}", json=body)

    def start(self, incident_id: int, **over) -> dict:
        answer = self.nurse.post(f"/api/v1/incidents/{incident_id}/episodes", json=episode_body(self.clock, **over))
        assert answer.status_code == 201, answer.get_json()
        return answer.get_json()

    def on_episode(self, episode_id: int, action: str, who: ApiClient | None = None, **body):
        body = {"uid": new_uid(), "occurred_at": iso(self.clock.now), **body}
        return (who or self.nurse).post(f"/api/v1/episodes/{episode_id}/{action}", json=body)

    def at(self, **delta) -> datetime:
        """Move the clock from noon."""
        self.clock.now = NOON + timedelta(**delta)
        return self.clock.now

    def sweep(self) -> None:
        from facility.scheduler import sweep

        sweep(self.app, self.clock.now)


@pytest.fixture
def noon(clock):
    clock.now = NOON
    return clock


@pytest.fixture
def desk(noon, demo, login, notifier):
    demo.config["SESSION_IDLE_MINUTES"] = 48 * 60  # the tests move the clock by hours between requests
    return Desk(demo, noon, login("worker1"), login("nurse1"), login("lead1"), notifier)


__all__ = [
    "Desk",
    "LEAD1",
    "NOON",
    "NURSE1",
    "WORKER1",
    "desk",
    "episode_body",
    "noon",
    "notifier",
    "open_alerts",
    "report_body",
]
