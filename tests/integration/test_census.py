"""Units, residents, the board, scoping (404) and the role matrix (403)."""

import pytest

from tests.conftest import iso, new_uid


def test_units_are_the_callers_own(login):
    assert [u["name"] for u in login("worker1").get("/api/v1/units").get_json()] == ["North"]
    units = login("admin").get("/api/v1/units").get_json()
    assert [u["name"] for u in units] == ["North", "South"]
    assert units[0]["shift_starts"] == ["07:00", "15:00", "23:00"] and units[0]["timezone"] == "America/New_York"


def test_board_lists_the_units_residents_with_short_names_sorted_by_due(login):
    board = login("worker1").get("/api/v1/units/1/board").get_json()
    residents = board["residents"]
    assert len(residents) == 12
    here = [r for r in residents if not r["off_unit_escorted"]]
    dues = [r["next_check_due_at"] for r in here]
    assert dues == sorted(dues)
    assert residents[len(here) :] == [r for r in residents if r["off_unit_escorted"]]  # the demo's outing: last
    assert residents[0]["observation_level"] == "q5"
    assert all(r["display_name"].count(".") == 1 and r["room"] in r["display_name"] for r in residents)
    assert "last_name" not in residents[0] and "date_of_birth" not in residents[0]


def test_another_units_board_and_residents_answer_404(login, clock):
    client = login("worker1")
    south = login("worker2").get("/api/v1/residents").get_json()[0]
    assert client.get("/api/v1/units/2/board").status_code == 404
    assert client.get(f"/api/v1/residents/{south['id']}").status_code == 404
    change = {"uid": new_uid(), "occurred_at": iso(clock.now), "level": "q5", "reason": "unsettled"}
    assert login("nurse1").post(f"/api/v1/residents/{south['id']}/observation-level", json=change).status_code == 404


def test_resident_detail_shows_the_full_identity_and_is_audited(login, session):
    from sqlalchemy import select

    from facility.records.models import AuditEntry

    detail = login("nurse1").get("/api/v1/residents/1").get_json()
    assert detail["first_name"] == "Ana" and detail["date_of_birth"] and detail["allergies"] == ["penicillin"]
    reads = session.scalars(select(AuditEntry).where(AuditEntry.action == "read:resident")).all()
    assert [(r.resident_id, r.user_id) for r in reads] == [(1, detail and 4)]


@pytest.mark.parametrize("username,status", [("worker1", 403), ("nurse1", 201), ("lead1", 201), ("admin", 403)])
def test_only_nurses_and_leads_change_observation_levels(login, clock, username, status):
    body = {"uid": new_uid(), "occurred_at": iso(clock.now), "level": "q5", "reason": "agitated at dinner"}
    assert login(username).post("/api/v1/residents/2/observation-level", json=body).status_code == status


def test_level_change_is_an_event_and_moves_the_board(login, clock):
    nurse = login("nurse1")
    body = {"uid": new_uid(), "occurred_at": iso(clock.now), "level": "q5", "reason": "agitated at dinner"}
    answer = nurse.post("/api/v1/residents/4/observation-level", json=body)
    assert answer.status_code == 201 and answer.get_json()["data"]["to"] == "q5"
    row = next(r for r in nurse.get("/api/v1/units/1/board").get_json()["residents"] if r["id"] == 4)
    assert row["observation_level"] == "q5"
    events = nurse.get("/api/v1/events?unit_id=1&kind=observation.level_changed").get_json()["items"]
    assert [e["uid"] for e in events] == [body["uid"]]


def test_continuous_observation_needs_an_assigned_staff_member(login, clock):
    body = {"uid": new_uid(), "occurred_at": iso(clock.now), "level": "one_to_one", "reason": "attempt"}
    answer = login("nurse1").post("/api/v1/residents/2/observation-level", json=body)
    assert answer.status_code == 422 and "assigned_staff_id" in answer.get_json()["errors"]
    body["assigned_staff_id"] = login("worker1").user["id"]
    assert login("nurse1").post("/api/v1/residents/2/observation-level", json=body).status_code == 201


def test_admission_validates_every_field_by_name(login):
    answer = login("lead1").post(
        "/api/v1/residents",
        json={
            "unit_id": 1,
            "first_name": "",
            "last_name": "Doe",
            "date_of_birth": "1990-13-01",
            "room": "N200",
            "admitted_at": "2026-01-01T10:00:00",
            "observation_level": "q7",
            "precautions": ["sunburn"],
        },
    )
    errors = answer.get_json()["errors"]
    assert answer.status_code == 422
    assert {"first_name", "date_of_birth", "admitted_at", "observation_level", "precautions"} <= set(errors)


def test_admission_and_discharge_move_a_resident_on_and_off_the_board(login, clock):
    lead = login("lead1")
    admitted = lead.post(
        "/api/v1/residents",
        json={
            "unit_id": 1,
            "first_name": "Zoe",
            "last_name": "Quill",
            "date_of_birth": "1990-02-01",
            "room": "N120",
            "admitted_at": iso(clock.now),
            "observation_level": "q30",
        },
    )
    assert admitted.status_code == 201
    rid = admitted.get_json()["id"]
    assert any(r["id"] == rid for r in lead.get("/api/v1/units/1/board").get_json()["residents"])
    discharged = lead.post(f"/api/v1/residents/{rid}/discharge", json={"uid": new_uid(), "occurred_at": iso(clock.now)})
    assert discharged.status_code == 200
    assert not any(r["id"] == rid for r in lead.get("/api/v1/units/1/board").get_json()["residents"])
    assert (
        login("worker1")
        .post(f"/api/v1/residents/{rid}/discharge", json={"uid": new_uid(), "occurred_at": iso(clock.now)})
        .status_code
        == 403
    )


def test_transfer_moves_a_resident_to_another_unit(login, clock):
    admin = login("admin")
    answer = admin.post(
        "/api/v1/residents/3/transfer",
        json={"uid": new_uid(), "occurred_at": iso(clock.now), "unit_id": 2, "room": "S130"},
    )
    assert answer.status_code == 201
    assert login("worker1").get("/api/v1/residents/3").status_code == 404
    assert login("worker2").get("/api/v1/residents/3").get_json()["room"] == "S130"
