"""Shared pieces of the FHIR export tests: a system client's moves, a day of records, R4B validation of files."""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from facility.interop.jobs import STARTER, run_export
from tests.conftest import ApiClient, iso, new_uid
from tests.integration.incidents_helpers import NOON, Desk, desk, episode_body, noon, notifier  # noqa: F401
from tests.integration.medobs_helpers import order_body
from tests.integration.rounds_helpers import check_body

ASYNC = {"Prefer": "respond-async"}


def r4b_model(resource_type: str):
    """The fhir.resources R4B model class of a resource type."""
    module = importlib.import_module(f"fhir.resources.R4B.{resource_type.lower()}")
    return getattr(module, resource_type)


def validate(resource: dict):
    """The resource parsed by its R4B model (pydantic raises on anything R4B does not allow)."""
    return r4b_model(resource["resourceType"]).model_validate(resource)


@dataclass
class Fhir:
    """A lead exporting North, with jobs run when the test says (the background task is held back)."""

    desk: Desk
    started: list[str] = field(default_factory=list)

    @property
    def lead(self) -> ApiClient:
        return self.desk.lead

    def kick(self, path: str = "/fhir/$export", client: ApiClient | None = None, headers=None, **params):
        return (client or self.lead).get(path, headers=ASYNC if headers is None else headers, query_string=params)

    def started_job(self, answer) -> str:
        assert answer.status_code == 202, answer.get_data(as_text=True)
        location = answer.headers["Content-Location"]
        assert location.startswith("http://localhost/fhir/bulk/")
        return location.removeprefix("http://localhost")

    def run(self) -> None:
        """Run every job kicked off so far to its end, as the background task would."""
        while self.started:
            run_export(self.desk.app, self.started.pop(0))

    def export(self, path: str = "/fhir/$export", **params) -> dict:
        """Kick off, run, poll: the manifest."""
        status = self.started_job(self.kick(path, **params))
        self.run()
        answer = self.lead.get(status)
        assert answer.status_code == 200, answer.get_data(as_text=True)
        return answer.get_json()

    def resources(self, manifest: dict, client: ApiClient | None = None) -> list[dict]:
        """Every line of every file of the manifest, each checked to say the type its file says."""
        found = []
        for entry in manifest["output"]:
            answer = (client or self.lead).get(entry["url"].removeprefix("http://localhost"))
            assert answer.status_code == 200
            assert answer.mimetype == "application/fhir+ndjson"
            lines = answer.get_data(as_text=True).splitlines()
            assert len(lines) == entry["count"]
            for line in lines:
                resource = json.loads(line)
                assert resource["resourceType"] == entry["type"]
                found.append(resource)
        return found


@pytest.fixture
def fhir(desk):
    exporting = Fhir(desk)
    desk.app.extensions[STARTER] = lambda _app, job_id: exporting.started.append(job_id)
    return exporting


def by_type(resources: list[dict], resource_type: str) -> list[dict]:
    return [r for r in resources if r["resourceType"] == resource_type]


def ok(answer, status=201) -> dict:
    """The answer's body, after checking its status."""
    assert answer.status_code == status, answer.get_data(as_text=True)
    return answer.get_json()


def record_a_morning(desk: Desk) -> dict:
    """A morning on North at noon: checks, a level change, ADL, orders with a dose taken and one refused, a goal, a
    consent, an incident with a hold that ended. Returns the ids the tests look for."""
    clock, worker, nurse = desk.clock, desk.worker, desk.nurse
    check = ok(worker.post("/api/v1/rounds/checks", json=check_body(clock, 1, state="asleep", breathing_observed=True)))
    ok(worker.post("/api/v1/rounds/checks", json=check_body(clock, 2, location="dayroom", state="anxious")))
    ok(
        nurse.post(
            "/api/v1/residents/3/observation-level",
            json={"uid": new_uid(), "occurred_at": iso(clock.now), "level": "q15", "reason": "withdrawn at breakfast"},
        )
    )
    ok(
        worker.post(
            "/api/v1/adl",
            json={
                "uid": new_uid(),
                "resident_id": 4,
                "occurred_at": iso(clock.now),
                "activity": "meal",
                "support": "supervision",
                "meal": "lunch",
                "percent_eaten": 50,
            },
        )
    )
    order = ok(nurse.post("/api/v1/medications/orders", json=order_body(4, times=["12:00", "20:00"])))
    taken = ok(
        worker.post(
            "/api/v1/medobs",
            json={
                "uid": new_uid(),
                "resident_id": 4,
                "order_id": order["id"],
                "occurred_at": iso(clock.now),
                "outcome": "taken",
            },
        )
    )
    other = ok(nurse.post("/api/v1/medications/orders", json=order_body(5, medication="lithium", times=["12:00"])))
    refused = ok(
        worker.post(
            "/api/v1/medobs",
            json={
                "uid": new_uid(),
                "resident_id": 5,
                "order_id": other["id"],
                "occurred_at": iso(clock.now),
                "outcome": "refused",
            },
        )
    )
    goal = ok(
        nurse.post(
            "/api/v1/residents/4/goals",
            json={"uid": new_uid(), "text": "Sleep through the night", "target_date": "2026-07-01"},
        )
    )
    consent = ok(
        nurse.post(
            "/api/v1/residents/4/consents",
            json={
                "uid": new_uid(),
                "contact_name": "Maria Reyes",
                "relationship": "sister",
                "scope": "general_updates",
            },
        )
    )
    incident = desk.file(resident_ids=[1, 2], interventions=["verbal_deescalation", "physical_hold"])
    started = clock.now - timedelta(minutes=5)
    episode = ok(
        nurse.post(f"/api/v1/incidents/{incident['id']}/episodes", json=episode_body(clock, 1, started_at=iso(started)))
    )
    clock.advance(minutes=12)
    ok(desk.on_episode(episode["id"], "end"), 200)
    return {
        "check_uid": check["uid"],
        "taken": taken["uid"],
        "refused": refused["uid"],
        "episode": episode["id"],
        "episode_started": started,
        "episode_ended": clock.now,
        "goal": goal["id"],
        "consent": consent["id"],
        "incident": incident["id"],
    }
