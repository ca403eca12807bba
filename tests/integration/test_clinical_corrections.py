"""Clinical records corrected: an assessment amended is scored again by the server and its alarm raised or resolved
again, one voided leaves every list; a session note is its author's to amend (before or after signing) or void, its
process note rewritten beside the record and never readable through the events feed, a timeline or an export; a
draft plan written in error is withdrawn by its author, a signed version never."""

from __future__ import annotations

from facility.interop.jobs import STARTER, run_export
from tests.conftest import new_uid
from tests.integration.clinical_helpers import clinic, noon, notifier, open_alerts, phq9  # noqa: F401
from tests.integration.test_care_plan_goals import sign as sign_plan
from tests.integration.test_care_plan_goals import version as write_plan
from tests.integration.test_clinical_sessions import SECRET, session_body, team, write  # noqa: F401

REWRITTEN = "Second thoughts on the river dream; my countertransference " + new_uid()


def amend(client, uid, reason="entered wrong", **data):
    return client.post(f"/api/v1/events/{uid}/amend", json={"uid": new_uid(), "reason": reason, "data": data})


def void(client, uid, reason="wrong resident"):
    return client.post(f"/api/v1/events/{uid}/void", json={"uid": new_uid(), "reason": reason})


def screens(clinic, resident_id):
    return [a for a in open_alerts(clinic.app, "suicide_risk_screen") if a[2] == resident_id]


def exported_text(clinic) -> str:
    """Every line of a FHIR export of North by its lead, as text (the job run here, not in the background)."""
    started = []
    clinic.app.extensions[STARTER] = lambda _app, job_id: started.append(job_id)
    kicked = clinic.lead.get("/fhir/$export", headers={"Prefer": "respond-async"})
    assert kicked.status_code == 202, kicked.get_data(as_text=True)
    for job_id in started:
        run_export(clinic.app, job_id)
    manifest = clinic.ok(clinic.lead.get(kicked.headers["Content-Location"].removeprefix("http://localhost")), 200)
    assert manifest["output"]
    return "".join(
        clinic.lead.get(entry["url"].removeprefix("http://localhost")).get_data(as_text=True)
        for entry in manifest["output"]
    )


def latest(clinic, resident_id=2):
    return clinic.ok(clinic.clinician.get(f"/api/v1/residents/{resident_id}/assessments"), 200)[-1]


def test_an_amended_assessment_is_scored_again_by_the_server_and_its_alarm_follows_the_answers(clinic):
    given = clinic.ok(clinic.assess(2, phq9(1, 1, 1, 1, 0, 0, 0, 0, 1)))
    assert given["critical_items"] == [9] and screens(clinic, 2)

    answer = amend(clinic.clinician, given["uid"], answers=phq9(1, 1, 1, 1, 0, 0, 0, 0, 0))
    assert answer.status_code == 201, answer.get_json()
    row = latest(clinic)
    assert (row["uid"], row["total"], row["band"], row["critical_items"]) == (given["uid"], 4, "none_minimal", [])
    assert not screens(clinic, 2)  # the item 9 answer was a slip: the alarm it raised is resolved
    stored = clinic.ok(clinic.nurse.get("/api/v1/events?unit_id=1&kind=event.amended"), 200)["items"][-1]
    assert stored["data"]["data"]["total"] == 4 and stored["data"]["changed"] == ["answers"]

    again = amend(clinic.clinician, given["uid"], answers=phq9(3, 3, 3, 3, 0, 0, 0, 0, 2))
    assert again.status_code == 201
    row = latest(clinic)
    assert (row["total"], row["band"], row["critical_items"]) == (14, "moderate", [9]) and screens(clinic, 2)


def test_an_amendment_with_an_item_missing_needs_its_reason_and_the_score_is_never_sent(clinic):
    given = clinic.ok(clinic.assess(2, phq9(0, 0, 1, 1, 0, 0, 0, 0, 0)))
    missing = {str(n): 0 for n in range(1, 9)}
    refused = amend(clinic.clinician, given["uid"], answers=missing)
    assert refused.status_code == 422 and "answers" in refused.get_json()["errors"]
    sent = amend(clinic.clinician, given["uid"], answers={**missing, "9": 0}, critical_items=[])
    assert sent.status_code == 422 and "critical_items" in sent.get_json()["errors"]["data"]
    incomplete = amend(clinic.clinician, given["uid"], answers=missing, incomplete_reason="tired, stopped at 8")
    assert incomplete.status_code == 201
    row = latest(clinic)
    assert (row["status"], row["total"], row["band"]) == ("incomplete", None, None)


def test_an_assessment_given_to_the_wrong_resident_is_voided_and_leaves_every_list(team):
    given = team.ok(team.assess(2, phq9(1, 1, 1, 1, 1, 1, 1, 1, 2)))
    assert screens(team, 2)
    assert void(team.worker, given["uid"]).status_code == 403
    assert void(team.nurse, given["uid"]).status_code == 403  # a nurse corrects her own administrations only
    assert void(team.other, given["uid"]).status_code == 201  # another clinician may
    listed = team.ok(team.clinician.get("/api/v1/residents/2/assessments"), 200)
    assert given["uid"] not in [a["uid"] for a in listed]
    assert not screens(team, 2)
    assert void(team.clinician, given["uid"]).status_code == 409  # voided already

    own = team.ok(team.assess(3, phq9(0, 0, 0, 0, 0, 0, 0, 0, 0), client=team.nurse))
    assert amend(team.nurse, own["uid"], informant="staff").status_code == 201
    assert latest(team, 3)["informant"] == "staff"


def test_a_session_note_is_amended_by_its_author_alone_before_and_after_signing(team):
    note = write(team)
    summary = {**note["summary"], "plan": "Sleep diary; review on Thursday."}
    for client in (team.other, team.nurse, team.lead):
        assert amend(client, note["uid"], summary=summary).status_code == 403
    assert amend(team.clinician, note["uid"], resident_ids=[3]).status_code == 422
    assert amend(team.clinician, note["uid"], summary=summary).status_code == 201
    seen = team.ok(team.nurse.get("/api/v1/residents/2/sessions"), 200)[0]
    assert seen["summary"]["plan"] == "Sleep diary; review on Thursday." and seen["status"] == "unsigned"

    team.ok(team.clinician.post(f"/api/v1/sessions/{note['id']}/sign", json={"uid": new_uid()}), 200)
    answer = amend(team.clinician, note["uid"], risk={"suicide": "high", "violence": "none"}, reason="missed it")
    assert answer.status_code == 201
    seen = team.ok(team.nurse.get("/api/v1/residents/2/sessions"), 200)[0]
    assert seen["risk"]["suicide"] == "high" and seen["status"] == "signed"
    assert screens(team, 2)  # the amended risk raises the alarm as a new note would


def test_an_amended_note_a_supervisor_co_signed_waits_for_their_co_signature_again(team):
    me = team.clinician.get("/api/v1/auth/me").get_json()["user"]
    team.ok(team.admin.patch(f"/api/v1/users/{me['id']}", json={"requires_cosign": True}), 200)
    note = write(team)
    team.ok(team.clinician.post(f"/api/v1/sessions/{note['id']}/sign", json={"uid": new_uid()}), 200)
    team.ok(team.other.post(f"/api/v1/sessions/{note['id']}/cosign", json={"uid": new_uid()}), 200)
    summary = {**note["summary"], "assessment": "Brighter, hopeful about the weekend."}
    assert amend(team.clinician, note["uid"], summary=summary).status_code == 201
    assert team.ok(team.nurse.get("/api/v1/residents/2/sessions"), 200)[0]["status"] == "awaiting_cosign"
    done = team.ok(team.other.post(f"/api/v1/sessions/{note['id']}/cosign", json={"uid": new_uid()}), 200)
    assert done["status"] == "cosigned"


def test_a_process_note_is_rewritten_by_its_author_beside_the_record_and_no_correction_carries_it(team):
    note = write(team)
    through_record = amend(team.clinician, note["uid"], process_note=REWRITTEN)
    assert through_record.status_code == 422 and "process_note" in through_record.get_json()["errors"]
    assert REWRITTEN not in through_record.get_data(as_text=True)

    path = f"/api/v1/sessions/{note['id']}/process-note"
    assert team.other.put(path, json={"text": REWRITTEN}).status_code == 404
    assert team.nurse.put(path, json={"text": REWRITTEN}).status_code == 403
    rewritten = team.ok(team.clinician.put(path, json={"text": REWRITTEN, "reason": "clearer"}), 200)
    assert rewritten["process_note"] == REWRITTEN
    assert [(e["text"], e["reason"]) for e in rewritten["process_note_earlier"]] == [(SECRET, "clearer")]
    assert team.ok(team.clinician.get("/api/v1/residents/2/sessions"), 200)[0]["process_note"] == REWRITTEN
    summary = {**note["summary"], "data": "Talked about the week."}
    assert amend(team.clinician, note["uid"], summary=summary).status_code == 201

    for client in (team.other, team.nurse, team.lead, team.admin, team.worker, team.case_manager):
        for path_read in ("/api/v1/residents/2/sessions", "/residents/2", "/api/v1/residents/2"):
            shown = client.get(path_read).get_data(as_text=True)
            assert REWRITTEN not in shown and SECRET not in shown, (path_read, client)
    for client in (team.nurse, team.lead, team.admin, team.clinician):
        feed = client.get("/api/v1/events?unit_id=1&limit=1000").get_data(as_text=True)
        assert REWRITTEN not in feed and SECRET not in feed and "process_note" not in feed
    exported = exported_text(team)
    assert REWRITTEN not in exported and SECRET not in exported


def test_a_session_note_voided_by_its_author_leaves_every_list_with_its_process_note(team):
    note = write(team)
    assert void(team.other, note["uid"]).status_code == 403
    assert void(team.clinician, note["uid"]).status_code == 201
    for client in (team.clinician, team.nurse, team.worker):
        assert team.ok(client.get("/api/v1/residents/2/sessions"), 200) == []
    assert team.clinician.put(f"/api/v1/sessions/{note['id']}/process-note", json={"text": "x"}).status_code == 404


def test_a_draft_plan_written_in_error_is_withdrawn_by_its_author_and_a_signed_version_stands(team):
    signed = write_plan(team, resident_id=5)
    sign_plan(team, signed)
    draft = write_plan(team, resident_id=5, goals=[("walk", "Walk daily")])
    assert amend(team.clinician, draft["uid"], review_days=60).status_code == 409
    assert void(team.other, draft["uid"]).status_code == 403
    assert void(team.nurse, draft["uid"]).status_code == 403
    assert void(team.clinician, signed["uid"]).status_code == 409
    assert void(team.clinician, draft["uid"]).status_code == 201
    plan = team.ok(team.nurse.get("/api/v1/residents/5/plan"), 200)
    assert plan["id"] == signed["id"] and draft["id"] not in plan["drafts"]
    refused = team.clinician.post(
        f"/api/v1/plans/{draft['id']}/sign", json={"uid": new_uid(), "resident_participation": "agreed"}
    )
    assert refused.status_code == 409
    result = team.app.test_cli_runner().invoke(args=["facility", "verify"])
    assert result.exit_code == 0, result.output
