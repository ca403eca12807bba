"""The clinician: a role of the permission table, a demo account on North, and a co-signature flag on accounts."""

from __future__ import annotations

from tests.conftest import iso, new_uid


def test_clinician1_logs_in_as_a_clinician_of_north(login):
    me = login("clinician1").get("/api/v1/auth/me").get_json()
    assert me["user"]["role"] == "clinician"
    assert me["user"]["username"] == "clinician1"
    assert len(me["user"]["unit_ids"]) == 1


def test_a_clinician_reads_residents_but_does_not_record_checks_or_acknowledge_alerts(login, clock):
    clinician = login("clinician1")
    assert clinician.get("/api/v1/residents/1").status_code == 200
    check = {
        "uid": new_uid(),
        "resident_id": 1,
        "occurred_at": iso(clock.now),
        "location": "own_room",
        "state": "awake_calm",
    }
    answer = clinician.post("/api/v1/rounds/checks", json=check)
    assert answer.status_code == 403
    assert "worker" in answer.get_json()["message"]
    assert clinician.get("/api/v1/alerts").status_code == 403


def test_an_admin_marks_a_pre_licensed_clinician_as_needing_co_signature(login):
    admin = login("admin")
    staff = admin.get("/api/v1/users").get_json()
    staff = staff["items"] if isinstance(staff, dict) else staff
    clinician = next(u for u in staff if u["username"] == "clinician1")
    assert clinician["role"] == "clinician" and clinician["requires_cosign"] is False
    answer = admin.patch(f"/api/v1/users/{clinician['id']}", json={"requires_cosign": True})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["requires_cosign"] is True
    bad = admin.patch(f"/api/v1/users/{clinician['id']}", json={"requires_cosign": "perhaps"})
    assert bad.status_code == 422 and "requires_cosign" in bad.get_json()["errors"]
