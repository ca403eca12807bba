"""Incident reports: filing, drafts, the workflow with who and when, immutability after submit, addenda, scope."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import iso, new_uid
from tests.integration.incidents_helpers import LEAD1, NURSE1, WORKER1, desk, noon, notifier, open_alerts, report_body  # noqa: F401


def test_a_report_goes_from_submitted_to_reviewed_to_closed_and_each_step_says_who_and_when(desk):
    report = desk.file()
    assert report["status"] == "submitted" and [r["display_name"] for r in report["residents"]] == [
        "Ana R. · N101",
        "Ben O. · N102",
    ]
    desk.at(minutes=20)
    reviewed = desk.step(desk.nurse, report["id"], "review", note="spoke with both residents")
    assert reviewed.status_code == 200, reviewed.get_json()
    desk.at(hours=2)
    closed = desk.step(desk.lead, report["id"], "close", note="debrief held")
    assert closed.status_code == 200, closed.get_json()
    history = desk.read(report["id"])["history"]
    assert [(h["status"], h["by_id"], h["at"], h["note"]) for h in history] == [
        ("submitted", WORKER1, "2026-06-10T16:00:00+00:00", None),
        ("reviewed", NURSE1, "2026-06-10T16:20:00+00:00", "spoke with both residents"),
        ("closed", LEAD1, "2026-06-10T18:00:00+00:00", "debrief held"),
    ]
    assert desk.read(report["id"])["status"] == "closed"


def test_a_wrong_step_is_409_and_changes_nothing(desk):
    report = desk.file()
    assert desk.step(desk.lead, report["id"], "close").status_code == 409  # not reviewed yet
    assert desk.step(desk.worker, report["id"], "submit").status_code == 409  # submitted already
    assert desk.step(desk.nurse, report["id"], "review").status_code == 200
    assert desk.step(desk.nurse, report["id"], "review").status_code == 409
    assert [h["status"] for h in desk.read(report["id"])["history"]] == ["submitted", "reviewed"]


def test_each_step_is_for_its_role(desk):
    report = desk.file()
    assert desk.step(desk.worker, report["id"], "review").status_code == 403
    desk.step(desk.nurse, report["id"], "review")
    assert desk.step(desk.nurse, report["id"], "close").status_code == 403


def test_a_draft_is_kept_then_edited_by_its_author_then_submitted(desk):
    body = report_body(desk.clock, status="draft")
    for field in ("behavior", "narrative", "severity"):
        body.pop(field)
    answer = desk.worker.post("/api/v1/incidents", json=body)
    assert answer.status_code == 201, answer.get_json()
    draft = answer.get_json()
    assert draft["status"] == "draft" and open_alerts(desk.app, "incident_submitted") == []
    incomplete = desk.step(desk.worker, draft["id"], "submit")
    assert incomplete.status_code == 422
    assert set(incomplete.get_json()["errors"]) == {"behavior", "narrative", "severity"}
    assert (
        desk.nurse.patch(f"/api/v1/incidents/{draft['id']}", json={"uid": new_uid(), "severity": "low"}).status_code
        == 403
    )  # only the author edits a draft
    edit = desk.worker.patch(
        f"/api/v1/incidents/{draft['id']}",
        json={"uid": new_uid(), "behavior": "threw a cup", "narrative": "Cup thrown at the wall.", "severity": "low"},
    )
    assert edit.status_code == 200, edit.get_json()
    assert edit.get_json()["behavior"] == "threw a cup" and edit.get_json()["location"] == "dayroom"
    assert desk.step(desk.worker, draft["id"], "submit").status_code == 200
    assert [h["status"] for h in desk.read(draft["id"])["history"]] == ["draft", "submitted"]
    assert open_alerts(desk.app, "incident_submitted") == [("incident_submitted", "warning", 1)]


def test_a_draft_saved_again_under_its_uid_is_replaced_and_then_submitted(desk):
    body = report_body(desk.clock, status="draft", narrative="first words")
    first = desk.worker.post("/api/v1/incidents", json=body)
    assert first.status_code == 201
    again = desk.worker.post("/api/v1/incidents", json={**body, "narrative": "better words"})
    assert again.status_code == 200 and again.get_json()["narrative"] == "better words"
    assert again.get_json()["id"] == first.get_json()["id"]
    submitted = {**body, "narrative": "better words", "status": "submitted"}
    assert desk.worker.post("/api/v1/incidents", json=submitted).status_code == 200
    assert desk.worker.post("/api/v1/incidents", json=submitted).status_code == 200  # the outbox retries
    assert desk.read(first.get_json()["id"])["status"] == "submitted"
    changed = desk.worker.post("/api/v1/incidents", json={**submitted, "narrative": "changed afterwards"})
    assert changed.status_code == 409


def test_a_submitted_report_never_changes_but_takes_addenda(desk):
    report = desk.file()
    patch = desk.worker.patch(f"/api/v1/incidents/{report['id']}", json={"uid": new_uid(), "severity": "low"})
    assert patch.status_code == 409
    resent = desk.worker.post(
        "/api/v1/incidents", json={**report_body(desk.clock, severity="low"), "uid": report["uid"]}
    )
    assert resent.status_code == 409
    addendum = {"uid": new_uid(), "text": "Ben later said he had been teased all morning."}
    answer = desk.worker.post(f"/api/v1/incidents/{report['id']}/addenda", json=addendum)
    assert answer.status_code == 201, answer.get_json()
    assert desk.worker.post(f"/api/v1/incidents/{report['id']}/addenda", json=addendum).status_code == 200
    assert (
        desk.worker.post(f"/api/v1/incidents/{report['id']}/addenda", json={**addendum, "text": "other"}).status_code
        == 409
    )
    stored = desk.read(report["id"])
    assert stored["severity"] == "moderate" and stored["behavior"] == "pushed a peer"
    assert [(a["text"], a["author_id"]) for a in stored["addenda"]] == [(addendum["text"], WORKER1)]


def test_the_same_uid_and_body_again_is_the_stored_report_with_200(desk):
    body = report_body(desk.clock)
    first = desk.worker.post("/api/v1/incidents", json=body)
    again = desk.worker.post("/api/v1/incidents", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["id"] == again.get_json()["id"]
    listed = desk.nurse.get("/api/v1/incidents?unit_id=1").get_json()["items"]
    assert [i["id"] for i in listed] == [first.get_json()["id"]]
    assert len(open_alerts(desk.app, "incident_submitted")) == 1


def test_the_list_filters_by_status(desk):
    first, second = desk.file(), desk.file()
    desk.step(desk.nurse, first["id"], "review")
    reviewed = desk.nurse.get("/api/v1/incidents?unit_id=1&status=reviewed").get_json()
    assert [i["id"] for i in reviewed["items"]] == [first["id"]] and reviewed["next_after_id"] is None
    submitted = desk.nurse.get("/api/v1/incidents?unit_id=1&status=submitted").get_json()["items"]
    assert [i["id"] for i in submitted] == [second["id"]]


def test_another_units_report_is_404_whatever_is_asked(desk, login):
    report = desk.file()
    south = login("worker2")
    assert south.get(f"/api/v1/incidents/{report['id']}").status_code == 404
    assert south.get("/api/v1/incidents?unit_id=1").status_code == 404
    assert (
        south.post(f"/api/v1/incidents/{report['id']}/addenda", json={"uid": new_uid(), "text": "x"}).status_code == 404
    )
    assert south.post(f"/api/v1/incidents/{report['id']}/submit", json={}).status_code == 404
    assert south.post("/api/v1/incidents", json=report_body(desk.clock)).status_code == 404  # North's unit_id
    assert (
        south.post(
            "/api/v1/incidents", json={**report_body(desk.clock, unit_id=2, resident_ids=[13]), "uid": report["uid"]}
        ).status_code
        == 404
    )


def test_a_report_arrives_through_sync_like_through_its_endpoint(desk):
    body = report_body(desk.clock)
    results = desk.worker.post(
        "/api/v1/sync",
        json={
            "records": [
                {"type": "incident", "body": body},
                {"type": "incident", "body": body},
                {"type": "incident", "body": {**body, "uid": new_uid(), "severity": "dire"}},
            ]
        },
    ).get_json()["results"]
    assert [r["status"] for r in results] == [201, 200, 422]
    assert results[0]["id"] == results[1]["id"] and "severity" in results[2]["errors"]
    assert desk.read(results[0]["id"])["uid"] == body["uid"]


def test_an_admin_cannot_file_and_a_worker_sees_the_unit_reports(desk, login):
    assert login("admin").post("/api/v1/incidents", json=report_body(desk.clock)).status_code == 403
    report = desk.file(who=desk.nurse)
    assert desk.read(report["id"], who=desk.worker)["author_id"] == NURSE1


def test_a_report_written_later_keeps_the_time_it_happened_but_not_before_the_residents_arrived(desk):
    report = desk.file(occurred_at=iso(desk.clock.now - timedelta(minutes=90)))
    assert report["occurred_at"] == "2026-06-10T14:30:00+00:00"
    early = desk.worker.post(
        "/api/v1/incidents", json=report_body(desk.clock, occurred_at=iso(desk.clock.now - timedelta(hours=3)))
    )  # the demo residents came at 10:00
    assert early.status_code == 422 and "admitted after the incident" in early.get_json()["errors"]["resident_ids"][0]


def test_a_submitted_report_cannot_be_amended_or_voided_through_the_log_either(desk):
    report = desk.file()
    amend = desk.nurse.post(
        f"/api/v1/events/{report['uid']}/amend",
        json={"uid": new_uid(), "reason": "wrong severity", "data": {"severity": "low"}},
    )
    void = desk.nurse.post(f"/api/v1/events/{report['uid']}/void", json={"uid": new_uid(), "reason": "duplicate"})
    assert (amend.status_code, void.status_code) == (409, 409)
    assert desk.read(report["id"])["severity"] == "moderate"
