"""The clinical and case-management records in the FHIR export: an assessment's total with its LOINC code and its
answers, the treatment plan in force with its goals, a referral with where it stands; never a process note."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import iso, new_uid
from tests.integration.clinical_helpers import phq9
from tests.integration.fhir_helpers import by_type, fhir, validate  # noqa: F401
from tests.integration.incidents_helpers import desk, noon, notifier  # noqa: F401


def test_an_assessment_is_an_observation_of_its_loinc_total_derived_from_its_answers(fhir, login):
    clinician = login("clinician1")
    body = {
        "uid": new_uid(),
        "occurred_at": iso(fhir.desk.clock.now),
        "instrument": "phq9",
        "answers": phq9(2, 2, 1, 1, 1, 1, 1, 1, 0),
    }
    assert clinician.post("/api/v1/residents/3/assessments", json=body).status_code == 201
    resources = fhir.resources(fhir.export())
    [total] = [
        o
        for o in by_type(resources, "Observation")
        if o.get("identifier", [{}])[0].get("value") == f"urn:uuid:{body['uid']}"
    ]
    validate(total)
    assert total["code"]["coding"][0] == {
        "system": "http://loinc.org",
        "code": "44261-6",
        "display": "PHQ-9 total score",
    }
    assert total["valueInteger"] == 10 and total["interpretation"][0]["text"] == "moderate"
    assert total["effectiveDateTime"].endswith("-04:00")  # New York in June, with its offset
    answers_ref = total["derivedFrom"][0]["reference"]
    [answers] = [
        q for q in by_type(resources, "QuestionnaireResponse") if f"QuestionnaireResponse/{q['id']}" == answers_ref
    ]
    validate(answers)
    assert answers["questionnaire"] == "http://loinc.org/q/44249-1" and answers["status"] == "completed"
    assert [(i["linkId"], i["answer"][0]["valueInteger"]) for i in answers["item"]][:2] == [("1", 2), ("2", 2)]


def test_the_plan_in_force_and_referrals_are_exported_and_resolve(fhir):
    resources = fhir.resources(fhir.export())
    present = {f"{r['resourceType']}/{r['id']}" for r in resources}
    plans = by_type(resources, "CarePlan")
    assert plans, "the demo's plans in force"
    for plan in plans:
        validate(plan)
        assert plan["status"] == "active" and plan["intent"] == "plan"
        assert plan["goal"] and all(goal["reference"] in present for goal in plan["goal"])
    requests, tasks = by_type(resources, "ServiceRequest"), by_type(resources, "Task")
    assert requests and len(requests) == len(tasks)
    for request in requests:
        validate(request)
        assert request["performer"][0]["display"]  # the organisation, by name
    statuses = set()
    for task in tasks:
        validate(task)
        assert task["focus"]["reference"] in present
        statuses.add(task["status"])
    assert {"draft", "requested", "accepted", "completed"} <= statuses  # the demo has referrals in every state


def test_a_process_note_never_leaves_in_an_export(fhir, login):
    secret = "the dream about the lighthouse " + new_uid()
    session = {
        "uid": new_uid(),
        "resident_ids": [2],
        "kind": "individual",
        "modality": "cbt",
        "started_at": iso(fhir.desk.clock.now - timedelta(minutes=50)),
        "ended_at": iso(fhir.desk.clock.now - timedelta(minutes=5)),
        "summary": {"data": "Talked about sleep.", "assessment": "Calmer.", "plan": "Review Friday."},
        "risk": {"suicide": "none", "violence": "none"},
        "process_note": secret,
    }
    written = login("clinician1").post("/api/v1/sessions", json=session)
    assert written.status_code == 201 and written.get_json()["process_note"] == secret
    exported = str(fhir.resources(fhir.export()))
    assert secret not in exported and "lighthouse" not in exported
