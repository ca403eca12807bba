"""POST/GET /api/v1/residents/{id}/assessments: server scoring, incomplete administrations, idempotent uids."""

from __future__ import annotations

from tests.conftest import new_uid
from tests.integration.clinical_helpers import (  # noqa: F401
    NOON,
    assessment_body,
    clinic,
    gad7,
    noon,
    notifier,
    phq9,
)


def test_a_clinician_files_a_phq9_and_the_server_scores_it(clinic):
    stored = clinic.ok(clinic.assess(2, phq9(1, 2, 1, 2, 1, 1, 1, 1, 0)))
    assert {k: stored[k] for k in ("instrument", "total", "band", "critical_items", "status")} == {
        "instrument": "phq9",
        "total": 10,
        "band": "moderate",
        "critical_items": [],
        "status": "complete",
    }
    assert stored["change_from_previous"] is None and stored["id"] > 0
    assert stored["administered_by"] == "Cleo Clarke" and stored["informant"] == "resident"


def test_a_client_sent_total_is_not_taken_the_server_scores(clinic):
    body = assessment_body(NOON, phq9(0, 0, 0, 0, 0, 0, 0, 0, 0))
    body["total"] = 27
    answer = clinic.clinician.post("/api/v1/residents/2/assessments", json=body)
    assert answer.status_code == 422 and "total" in answer.get_json()["errors"]


def test_a_nurse_may_file_one_and_a_worker_is_refused_before_the_body_is_read(clinic):
    clinic.ok(clinic.assess(3, gad7(1, 1, 1, 1, 1, 0, 0), instrument="gad7", client=clinic.nurse))
    refused = clinic.worker.post("/api/v1/residents/3/assessments", json={"answers": "not even a dict"})
    assert refused.status_code == 403
    assert clinic.worker.get("/api/v1/residents/3/assessments").status_code == 403
    assert clinic.ok(clinic.lead.get("/api/v1/residents/3/assessments"), 200)[0]["total"] == 5


def test_a_missing_item_without_a_reason_is_422_naming_answers_and_nothing_is_stored(clinic):
    answers = phq9(1, 1, 1, 1, 1, 1, 1, 1, 0)
    del answers["5"]
    answer = clinic.assess(2, answers)
    assert answer.status_code == 422
    assert "item 5 not answered" in answer.get_json()["errors"]["answers"][0]
    assert clinic.ok(clinic.clinician.get("/api/v1/residents/2/assessments"), 200) == []


def test_an_answer_out_of_range_or_an_unknown_instrument_is_422_naming_the_field(clinic):
    bad = clinic.assess(2, phq9(1, 1, 1, 1, 1, 1, 1, 1, 4))
    assert bad.status_code == 422 and "answers" in bad.get_json()["errors"]
    text = clinic.assess(2, {**phq9(1, 1, 1, 1, 1, 1, 1, 1, 0), "3": "often"})
    assert text.status_code == 422 and "answers" in text.get_json()["errors"]
    unknown = clinic.assess(2, phq9(1, 1, 1, 1, 1, 1, 1, 1, 0), instrument="beck")
    assert unknown.status_code == 422 and "phq9" in unknown.get_json()["errors"]["instrument"][0]


def test_a_missing_item_with_a_reason_is_stored_incomplete_and_never_scored(clinic):
    answers = phq9(3, 3, 3, 3, 3, 3, 3, 3, 0)
    del answers["9"]
    stored = clinic.ok(clinic.assess(2, answers, incomplete_reason="resident left the room before item 9"))
    assert (stored["status"], stored["total"], stored["band"]) == ("incomplete", None, None)
    assert stored["incomplete_reason"] == "resident left the room before item 9"


def test_the_same_uid_and_body_answers_the_stored_record_and_a_different_body_is_409(clinic):
    body = assessment_body(NOON, phq9(0, 1, 0, 1, 0, 1, 0, 1, 0))
    first = clinic.clinician.post("/api/v1/residents/2/assessments", json=body)
    again = clinic.clinician.post("/api/v1/residents/2/assessments", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json()["id"] == first.get_json()["id"]
    changed = clinic.clinician.post("/api/v1/residents/2/assessments", json={**body, "answers": phq9(*[3] * 9)})
    assert changed.status_code == 409
    assert len(clinic.ok(clinic.clinician.get("/api/v1/residents/2/assessments"), 200)) == 1


def test_a_resident_of_another_unit_is_404(clinic):
    assert clinic.assess(13, phq9(*[0] * 9)).status_code == 404
    assert clinic.clinician.get("/api/v1/residents/13/assessments").status_code == 404


def test_the_list_is_oldest_first_with_the_change_and_a_phq9_change_of_five_flagged(clinic):
    clinic.ok(clinic.assess(4, phq9(2, 2, 2, 2, 2, 2, 2, 2, 0)))  # 16
    clinic.ok(clinic.assess(4, gad7(2, 2, 2, 2, 2, 2, 2), instrument="gad7"))  # 14
    clinic.clock.advance(hours=20)
    clinic.ok(clinic.assess(4, phq9(1, 2, 2, 2, 1, 2, 1, 1, 0)))  # 12: -4
    clinic.clock.advance(hours=20)
    later = clinic.ok(clinic.assess(4, phq9(1, 1, 1, 1, 1, 1, 0, 1, 0)))  # 7: -5
    assert (later["change_from_previous"], later["clinically_significant_change"]) == (-5, True)
    listed = clinic.ok(clinic.clinician.get("/api/v1/residents/4/assessments?instrument=phq9"), 200)
    assert [(a["total"], a["change_from_previous"], a["clinically_significant_change"]) for a in listed] == [
        (16, None, False),
        (12, -4, False),
        (7, -5, True),
    ]
    everything = clinic.ok(clinic.clinician.get("/api/v1/residents/4/assessments"), 200)
    assert [a["instrument"] for a in everything] == ["phq9", "gad7", "phq9", "phq9"]


def test_an_incomplete_administration_is_skipped_when_measuring_the_change(clinic):
    clinic.ok(clinic.assess(5, phq9(1, 1, 1, 1, 1, 1, 1, 1, 0)))  # 8
    clinic.clock.advance(hours=20)
    clinic.ok(clinic.assess(5, {"1": 3}, incomplete_reason="too drowsy to go on"))
    clinic.clock.advance(hours=20)
    last = clinic.ok(clinic.assess(5, phq9(2, 2, 2, 2, 1, 1, 1, 1, 1)))  # 13
    assert last["change_from_previous"] == 5 and last["clinically_significant_change"] is True


def test_each_administration_is_an_event_of_the_append_only_log_and_its_score_is_never_the_clients(clinic):
    stored = clinic.ok(clinic.assess(2, phq9(0, 0, 1, 1, 0, 0, 0, 0, 0)))
    log = clinic.ok(clinic.nurse.get("/api/v1/events?unit_id=1&kind=assessment.administered"), 200)["items"]
    mine = [e for e in log if e["resident_id"] == 2]  # the demo has histories of its own
    assert [(e["uid"], e["data"]["total"], e["data"]["band"]) for e in mine] == [(stored["uid"], 2, "none_minimal")]
    amend = clinic.clinician.post(
        f"/api/v1/events/{stored['uid']}/amend",
        json={"uid": new_uid(), "reason": "typo", "data": {"total": 20, "band": "severe"}},
    )
    assert amend.status_code == 422 and set(amend.get_json()["errors"]["data"]) == {"total", "band"}
    assert clinic.ok(clinic.clinician.get("/api/v1/residents/2/assessments"), 200)[-1]["total"] == 2


def test_an_assessment_made_offline_arrives_through_sync(clinic):
    body = {**assessment_body(NOON, gad7(0, 0, 1, 0, 0, 0, 0), instrument="gad7"), "resident_id": 7}
    results = clinic.ok(
        clinic.clinician.post("/api/v1/sync", json={"records": [{"type": "assessment", "body": body}]}), 200
    )["results"]
    assert results[0]["status"] == 201
    listed = clinic.ok(clinic.clinician.get("/api/v1/residents/7/assessments"), 200)
    assert [(a["uid"], a["total"], a["band"]) for a in listed] == [(body["uid"], 1, "minimal")]
