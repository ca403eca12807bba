"""Shared pieces of the case-management tests: the case manager, a lead and a nurse of North, a directory, consents."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.conftest import ApiClient, Clock, iso, new_uid
from tests.integration.rounds_helpers import FakeNotifier, notifier, open_alerts

RESIDENT = 9  # a resident of North whom the demo gives no case manager and no case records


@dataclass
class Casework:
    """casemanager1, lead1, nurse1 and worker1 of North, worker2 of South, the clock and the app."""

    app: object
    clock: Clock
    cm: ApiClient
    lead: ApiClient
    nurse: ApiClient
    worker: ApiClient
    south: ApiClient
    pushes: FakeNotifier

    def ok(self, answer, status=201) -> dict:
        assert answer.status_code == status, answer.get_json()
        return answer.get_json()

    def resource(self, name="Harbor Housing Services", types=("housing", "supported living"), **over) -> dict:
        body = {"uid": new_uid(), "name": name, "service_types": list(types), "phone": "555-0100", **over}
        return self.ok(self.cm.post("/api/v1/resources", json=body))

    def consent(self, name="Harbor Housing Services", resident_id=RESIDENT, scope="treatment_information", **over):
        body = {"uid": new_uid(), "contact_name": name, "relationship": "organisation", "scope": scope, **over}
        return self.ok(self.nurse.post(f"/api/v1/residents/{resident_id}/consents", json=body))

    def refer(self, resource_id, consent_uid, resident_id=RESIDENT, **over):
        body = {
            "uid": new_uid(),
            "resident_id": resident_id,
            "resource_id": resource_id,
            "need": "housing",
            "reason": "Needs supported housing on discharge",
            "consent_uid": consent_uid,
            **over,
        }
        return self.cm.post("/api/v1/referrals", json=body)

    def draft(self) -> dict:
        """A draft referral to a housing service, under a consent that allows it."""
        resource = self.resource()
        consent = self.consent(resource["name"])
        return self.ok(self.refer(resource["id"], consent["uid"]))

    def step(self, referral_id, status, client=None, **over):
        body = {"uid": new_uid(), "occurred_at": iso(self.clock.now), "status": status, **over}
        return (client or self.cm).post(f"/api/v1/referrals/{referral_id}/status", json=body)

    def walk(self, referral_id, *statuses, **over) -> dict:
        answer = None
        for status in statuses:
            answer = self.ok(self.step(referral_id, status, **over.get(status, {})), 200)
        return answer

    def alerts(self, kind) -> list[tuple]:
        """The open alerts of kind about the tests' resident (the demo's residents have their own)."""
        return [a for a in open_alerts(self.app, kind) if a[2] == RESIDENT]

    def sweep(self):
        from facility.scheduler import sweep

        sweep(self.app, self.clock.now)


@pytest.fixture
def casework(clock, demo, login, notifier):
    demo.config["SESSION_IDLE_MINUTES"] = 200 * 24 * 60  # the tests move the clock by days between requests
    return Casework(
        demo,
        clock,
        login("casemanager1"),
        login("lead1"),
        login("nurse1"),
        login("worker1"),
        login("worker2"),
        notifier,
    )


__all__ = ["RESIDENT", "Casework", "casework", "notifier", "open_alerts"]
