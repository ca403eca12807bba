"""Shared pieces of the clinical tests: a clinician and a nurse of North, assessment bodies, the clock at noon."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from tests.conftest import MIDSHIFT, ApiClient, Clock, iso, new_uid
from tests.integration.rounds_helpers import FakeNotifier, notifier, open_alerts

NOON = MIDSHIFT  # 12:00 EDT on Wed 10 June 2026; the demo residents arrived at 10:00
SHIFT_END = NOON + timedelta(hours=3)  # 15:00 in New York


def phq9(*values: int) -> dict[str, int]:
    """PHQ-9 answers from nine values (item 1 first)."""
    assert len(values) == 9
    return {str(n): v for n, v in enumerate(values, start=1)}


def gad7(*values: int) -> dict[str, int]:
    assert len(values) == 7
    return {str(n): v for n, v in enumerate(values, start=1)}


def assessment_body(at: datetime, answers: dict, instrument: str = "phq9", **over) -> dict:
    return {"uid": new_uid(), "occurred_at": iso(at), "instrument": instrument, "answers": answers, **over}


@dataclass
class Clinic:
    """A clinician, a nurse, a lead and a worker of North, a nurse's pushes, the clock and the app."""

    app: object
    clock: Clock
    clinician: ApiClient
    nurse: ApiClient
    lead: ApiClient
    worker: ApiClient
    pushes: FakeNotifier

    def ok(self, answer, status=201) -> dict:
        assert answer.status_code == status, answer.get_json()
        return answer.get_json()

    def assess(self, resident_id: int, answers: dict, instrument="phq9", client=None, at=None, **over):
        body = assessment_body(at or self.clock.now, answers, instrument, **over)
        return (client or self.clinician).post(f"/api/v1/residents/{resident_id}/assessments", json=body)

    def handoff(self) -> dict:
        """The summary of the day shift (07:00–15:00 in New York), built by the lead just after it ended."""
        self.clock.now = SHIFT_END + timedelta(minutes=1)
        built = self.ok(self.lead.post("/api/v1/handoffs", json={"unit_id": 1}))
        return self.ok(self.lead.get(f"/api/v1/handoffs/{built['id']}"), 200)["summary"]


@pytest.fixture
def noon(clock):
    clock.now = NOON
    return clock


@pytest.fixture
def clinic(noon, demo, login, notifier):
    demo.config["SESSION_IDLE_MINUTES"] = 24 * 60  # the tests move the clock by days between requests
    return Clinic(demo, noon, login("clinician1"), login("nurse1"), login("lead1"), login("worker1"), notifier)


__all__ = [
    "NOON",
    "SHIFT_END",
    "Clinic",
    "assessment_body",
    "clinic",
    "gad7",
    "noon",
    "notifier",
    "open_alerts",
    "phq9",
]
