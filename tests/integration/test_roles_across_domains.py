"""The clinician and the case manager work each other's records where API.md says they do: one row each in the
permission table, no edit in the other's package."""

from __future__ import annotations

from tests.conftest import iso, new_uid
from tests.integration.casework_helpers import RESIDENT, casework, notifier  # noqa: F401
from tests.integration.clinical_helpers import phq9


def test_a_clinician_reads_the_caseload_rates_needs_refers_books_and_plans_a_discharge(casework, login):
    clinician = login("clinician1")
    assert clinician.get("/api/v1/caseload").status_code == 200
    assert clinician.get(f"/residents/{RESIDENT}/case").status_code == 200
    needs = {
        "uid": new_uid(),
        "occurred_at": iso(casework.clock.now),
        "rater": "staff",
        "ratings": {"housing": "unmet"},
    }
    assert clinician.post(f"/api/v1/residents/{RESIDENT}/needs", json=needs).status_code == 201
    resource = casework.resource()
    consent = casework.consent(resource["name"])
    referral = {
        "uid": new_uid(),
        "resident_id": RESIDENT,
        "resource_id": resource["id"],
        "need": "housing",
        "reason": "Needs supported housing on discharge",
        "consent_uid": consent["uid"],
    }
    assert clinician.post("/api/v1/referrals", json=referral).status_code == 201
    worker = casework.worker.post(f"/api/v1/residents/{RESIDENT}/needs", json={**needs, "uid": new_uid()})
    assert worker.status_code == 403  # a worker rates no needs, before the body is read


def test_a_case_manager_reads_the_scores_but_gives_no_assessment(casework, login):
    clinician = login("clinician1")
    body = {"uid": new_uid(), "occurred_at": iso(casework.clock.now), "instrument": "phq9", "answers": phq9(*[1] * 9)}
    assert clinician.post(f"/api/v1/residents/{RESIDENT}/assessments", json=body).status_code == 201
    scores = casework.cm.get(f"/api/v1/residents/{RESIDENT}/assessments")
    assert scores.status_code == 200 and scores.get_json()[-1]["total"] == 9
    again = {**body, "uid": new_uid()}
    assert casework.cm.post(f"/api/v1/residents/{RESIDENT}/assessments", json=again).status_code == 403
