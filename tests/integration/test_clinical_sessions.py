"""Therapy sessions: the note, its signature and co-signature, the risk's alerts, who reads which field, and the
process note that nobody but its author can read by any route."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import iso, new_uid
from tests.integration.clinical_helpers import NOON, clinic, noon, notifier, open_alerts  # noqa: F401

SECRET = "Dreams again about the river; transference toward me is strong"
THAT_IT_TOOK_PLACE = {"id", "kind", "started_at", "ended_at", "clinician"}


def session_body(resident_ids=(2,), kind="individual", suicide="low", violence="none", **over):
    return {
        "uid": new_uid(),
        "resident_ids": list(resident_ids),
        "kind": kind,
        "modality": "cbt",
        "started_at": iso(NOON - timedelta(minutes=50)),
        "ended_at": iso(NOON - timedelta(minutes=5)),
        "summary": {
            "data": "Talked about the week on the unit and sleep.",
            "assessment": "Mood brighter, engaged, some hopelessness in the evenings.",
            "plan": "Sleep diary; review on Friday.",
        },
        "risk": {"suicide": suicide, "violence": violence},
        "process_note": SECRET,
        **over,
    }


@pytest.fixture
def team(clinic, add_staff, login):
    """clinic plus a second clinician of North and the admin."""
    add_staff("clinician2", ["North"], "clinician")
    clinic.other = login("clinician2")
    clinic.admin = login("admin")
    clinic.case_manager = login("casemanager1")
    return clinic


def write(clinic, **over):
    return clinic.ok(clinic.clinician.post("/api/v1/sessions", json=session_body(**over)))


def test_a_clinician_writes_a_session_note_unsigned_and_reads_back_their_process_note(team):
    note = write(team)
    assert note["status"] == "unsigned" and note["clinician"] == "Cleo Clarke"
    assert note["process_note"] == SECRET and note["summary"]["plan"] == "Sleep diary; review on Friday."
    refused = team.nurse.post("/api/v1/sessions", json=session_body())
    assert refused.status_code == 403
    assert team.worker.post("/api/v1/sessions", json={"resident_ids": "x"}).status_code == 403


def test_each_role_reads_only_its_fields_of_a_session_and_the_process_note_is_the_authors_alone(team):
    write(team)
    seen = {
        name: team.ok(client.get("/api/v1/residents/2/sessions"), 200)
        for name, client in {
            "author": team.clinician,
            "clinician": team.other,
            "nurse": team.nurse,
            "lead": team.lead,
            "worker": team.worker,
            "admin": team.admin,
            "case manager": team.case_manager,
        }.items()
    }
    assert all(len(sessions) == 1 for sessions in seen.values())
    assert set(seen["worker"][0]) == THAT_IT_TOOK_PLACE
    assert set(seen["admin"][0]) == THAT_IT_TOOK_PLACE
    for role in ("clinician", "nurse", "lead", "case manager"):
        assert seen[role][0]["summary"]["data"] == "Talked about the week on the unit and sleep."
        assert seen[role][0]["risk"] == {"suicide": "low", "violence": "none"}
        assert "process_note" not in seen[role][0]
    assert seen["author"][0]["process_note"] == SECRET
    assert all(SECRET not in str(sessions) for role, sessions in seen.items() if role != "author")


def test_the_process_note_is_in_no_event_handoff_timeline_or_report(team):
    write(team)
    for client in (team.nurse, team.lead, team.admin):
        feed = client.get("/api/v1/events?unit_id=1&limit=1000")
        assert feed.status_code == 200 and SECRET not in feed.get_data(as_text=True)
        sessions = [
            e
            for e in feed.get_json()["items"]
            if e["kind"] == "therapy.session_held" and e["data"]["resident_ids"] == [2]  # the demo has its own
        ]
        assert len(sessions) == 1 and "process_note" not in sessions[0]["data"]
    for client in (team.clinician, team.nurse, team.worker):  # the resident page's timeline, the author's too
        page = client.get("/residents/2").get_data(as_text=True)
        assert "individual session with Cleo Clarke, 45 min" in page and SECRET not in page
    assert SECRET not in team.lead.get("/reports").get_data(as_text=True)
    assert SECRET not in team.clinician.get("/clinical").get_data(as_text=True)
    summary = team.handoff()
    assert SECRET not in str(summary)
    handoff_id = team.ok(team.lead.get("/api/v1/handoffs?unit_id=1"), 200)["items"][0]["id"]
    assert SECRET not in team.lead.get(f"/handoffs/{handoff_id}").get_data(as_text=True)


def test_the_author_signs_and_only_the_author(team):
    note = write(team)
    assert team.other.post(f"/api/v1/sessions/{note['id']}/sign", json={"uid": new_uid()}).status_code == 403
    sign = {"uid": new_uid()}
    signed = team.ok(team.clinician.post(f"/api/v1/sessions/{note['id']}/sign", json=sign), 200)
    assert signed["status"] == "signed" and signed["signed_at"]
    assert team.clinician.post(f"/api/v1/sessions/{note['id']}/sign", json=sign).status_code == 200  # a retry
    assert team.clinician.post(f"/api/v1/sessions/{note['id']}/sign", json={"uid": new_uid()}).status_code == 409
    cosign = team.other.post(f"/api/v1/sessions/{note['id']}/cosign", json={"uid": new_uid()})
    assert cosign.status_code == 409 and "no co-signature" in cosign.get_json()["message"]


def test_a_pre_licensed_clinicians_note_waits_for_a_supervising_clinicians_co_signature(team):
    me = team.clinician.get("/api/v1/auth/me").get_json()["user"]
    team.ok(team.admin.patch(f"/api/v1/users/{me['id']}", json={"requires_cosign": True}), 200)
    note = write(team)
    early = team.other.post(f"/api/v1/sessions/{note['id']}/cosign", json={"uid": new_uid()})
    assert early.status_code == 409 and "signs the note first" in early.get_json()["message"]
    signed = team.ok(team.clinician.post(f"/api/v1/sessions/{note['id']}/sign", json={"uid": new_uid()}), 200)
    assert signed["status"] == "awaiting_cosign"
    own = team.clinician.post(f"/api/v1/sessions/{note['id']}/cosign", json={"uid": new_uid()})
    assert own.status_code == 403
    assert team.nurse.post(f"/api/v1/sessions/{note['id']}/cosign", json={"uid": new_uid()}).status_code == 403
    done = team.ok(team.other.post(f"/api/v1/sessions/{note['id']}/cosign", json={"uid": new_uid()}), 200)
    assert (done["status"], done["cosigned_by"]) == ("cosigned", "Clinician2")
    assert "process_note" not in done


def test_a_high_suicide_risk_raises_suicide_risk_screen_and_makes_the_resident_unstable(team):
    write(team, suicide="high")
    assert open_alerts(team.app, "suicide_risk_screen") == [("suicide_risk_screen", "critical", 2)]
    resident = {r["resident_id"]: r for r in team.handoff()["residents"]}[2]
    assert resident["severity"] == "unstable" and "safety assessment by a clinician" in resident["actions"]


@pytest.mark.parametrize("violence, severity", [("moderate", "warning"), ("high", "critical"), ("low", None)])
def test_a_violence_risk_moderate_or_high_raises_violence_risk(team, violence, severity):
    write(team, violence=violence)
    expected = [("violence_risk", severity, 2)] if severity else []
    assert open_alerts(team.app, "violence_risk") == expected


def test_a_note_still_unsigned_24_hours_after_the_session_raises_note_unsigned_until_signed(team):
    from facility.scheduler import sweep

    team.app.config["SESSION_IDLE_MINUTES"] = 3 * 24 * 60  # the clinician signs the next day
    note = write(team)
    team.clock.advance(hours=23, minutes=50)
    sweep(team.app, team.clock.now)

    def ben():  # the demo's own unsigned note (Ivo's) falls due too
        return [a for a in open_alerts(team.app, "note_unsigned") if a[2] == 2]

    assert ben() == []
    team.clock.advance(minutes=20)
    sweep(team.app, team.clock.now)
    assert ben() == [("note_unsigned", "warning", 2)]
    team.ok(team.clinician.post(f"/api/v1/sessions/{note['id']}/sign", json={"uid": new_uid()}), 200)
    assert ben() == []


def test_the_same_uid_answers_the_stored_session_and_bad_input_names_its_field(team):
    body = session_body()
    first = team.clinician.post("/api/v1/sessions", json=body)
    again = team.clinician.post("/api/v1/sessions", json=body)
    assert (first.status_code, again.status_code) == (201, 200) and again.get_json()["id"] == first.get_json()["id"]
    assert team.clinician.post("/api/v1/sessions", json={**body, "kind": "crisis"}).status_code == 409
    bad = team.clinician.post("/api/v1/sessions", json=session_body(ended_at=iso(NOON - timedelta(hours=2))))
    assert bad.status_code == 422 and "ended_at" in bad.get_json()["errors"]
    risk = team.clinician.post("/api/v1/sessions", json=session_body(suicide="extreme"))
    assert risk.status_code == 422 and "risk" in risk.get_json()["errors"]
    group = team.clinician.post("/api/v1/sessions", json=session_body(resident_ids=(2, 3)))
    assert group.status_code == 422 and "resident_ids" in group.get_json()["errors"]
    assert team.clinician.post("/api/v1/sessions", json=session_body(resident_ids=(13,))).status_code == 404


def test_a_group_session_shows_on_each_residents_list(team):
    write(team, resident_ids=(2, 3), kind="group")
    for rid in (2, 3):
        assert [s["kind"] for s in team.ok(team.worker.get(f"/api/v1/residents/{rid}/sessions"), 200)] == ["group"]
