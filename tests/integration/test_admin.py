"""The administrator's tools: staff accounts and units, scoped to the admin's units, every change audited."""

import pytest
from sqlalchemy import select

from facility.auth.models import Role
from facility.census.models import Unit
from facility.census.staff import create_user
from facility.records.models import AuditEntry
from tests.conftest import ApiClient

PASSWORD = "correct horse battery"


def new_worker(**overrides):
    return {
        "username": "wendy",
        "name": "Wendy Ward",
        "role": "worker",
        "password": PASSWORD,
        "unit_ids": [1],
        **overrides,
    }


def audit_rows(session, action):
    return session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)).all()


@pytest.fixture
def admin(login):
    return login("admin")


def add_user(app, username, unit_names, role=Role.WORKER):
    """A staff account made behind the API's back (as the CLI would)."""
    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        for name in unit_names:
            if session.scalar(select(Unit).where(Unit.name == name)) is None:
                session.add(Unit(name=name))
        session.flush()
        user = create_user(session, username, username.title(), role, PASSWORD, unit_names)
        session.commit()
        ids = user.id, user.unit_ids
        session.close()
    return ids


@pytest.fixture
def outsider(demo):
    """(user id, unit id) of a nurse on unit East, which the demo admin does not manage."""
    user, (unit,) = add_user(demo, "eastie", ["East"], Role.NURSE)
    return user, unit


@pytest.mark.parametrize("username", ["worker1", "nurse1", "lead1"])
def test_only_an_admin_may_see_or_change_staff_and_units(login, username):
    client = login(username)
    assert client.get("/api/v1/users").status_code == 403
    assert client.post("/api/v1/users", json=new_worker()).status_code == 403
    assert client.patch("/api/v1/users/2", json={"active": False}).status_code == 403
    assert client.post("/api/v1/units", json={"name": "West"}).status_code == 403
    assert client.patch("/api/v1/units/1", json={"name": "Norte"}).status_code == 403
    staff = login("admin").get("/api/v1/users").get_json()
    assert "wendy" not in {u["username"] for u in staff} and all(u["active"] for u in staff)
    assert [u["name"] for u in login("admin").get("/api/v1/units").get_json()] == ["North", "South"]


def test_admin_lists_the_staff_of_their_units_without_password_hashes(admin, outsider):
    staff = admin.get("/api/v1/users").get_json()
    assert {u["username"] for u in staff} == {
        "admin",
        "worker1",
        "worker2",
        "nurse1",
        "lead1",
        "clinician1",
        "casemanager1",
    }
    worker2 = next(u for u in staff if u["username"] == "worker2")
    assert worker2 == {
        "id": worker2["id"],
        "username": "worker2",
        "name": "Wade Whitley",
        "role": "worker",
        "active": True,
        "unit_ids": [2],
        "must_change_password": False,
        "requires_cosign": False,
    }
    assert not any("password" in key and key != "must_change_password" for user in staff for key in user)
    assert "argon2" not in str(staff)


def test_a_new_staff_account_can_log_in_with_its_password(admin, demo):
    answer = admin.post("/api/v1/users", json=new_worker(unit_ids=[1, 2]))
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["unit_ids"] == [1, 2] and "password" not in answer.get_json()
    wendy = ApiClient(demo, "wendy", password=PASSWORD)
    assert wendy.user["role"] == "worker" and wendy.user["unit_ids"] == [1, 2]
    assert [u["name"] for u in wendy.get("/api/v1/units").get_json()] == ["North", "South"]


def test_a_taken_username_is_a_conflict(admin):
    answer = admin.post("/api/v1/users", json=new_worker(username="worker1"))
    assert answer.status_code == 409 and "username" in answer.get_json()["errors"]


def test_bad_account_fields_are_named(admin):
    answer = admin.post(
        "/api/v1/users",
        json={"username": "has space", "name": "", "role": "janitor", "password": "short", "unit_ids": []},
    )
    assert answer.status_code == 422
    assert set(answer.get_json()["errors"]) == {"username", "name", "role", "password", "unit_ids"}


def test_units_beyond_the_admins_own_are_refused_by_name(admin, outsider):
    _user, east = outsider
    answer = admin.post("/api/v1/users", json=new_worker(unit_ids=[1, east]))
    assert answer.status_code == 422 and "unit_ids" in answer.get_json()["errors"]
    answer = admin.patch("/api/v1/users/2", json={"unit_ids": [99]})
    assert answer.status_code == 422 and "unit_ids" in answer.get_json()["errors"]


def test_staff_outside_the_admins_units_are_not_found(admin, outsider):
    eastie, _unit = outsider
    assert admin.patch(f"/api/v1/users/{eastie}", json={"active": False}).status_code == 404
    assert admin.patch("/api/v1/users/999", json={"active": False}).status_code == 404
    assert "eastie" not in {u["username"] for u in admin.get("/api/v1/users").get_json()}


def test_deactivating_an_account_blocks_login_and_ends_its_open_session(admin, login, demo):
    nurse = login("nurse1")
    assert nurse.get("/api/v1/auth/me").status_code == 200
    answer = admin.patch(f"/api/v1/users/{nurse.user['id']}", json={"active": False})
    assert answer.status_code == 200 and answer.get_json()["active"] is False
    assert nurse.get("/api/v1/auth/me").status_code == 401
    assert nurse.get("/api/v1/units/1/board").status_code == 401
    refused = demo.test_client().post("/api/v1/auth/login", json={"username": "nurse1", "password": "facility-demo"})
    assert refused.status_code == 401
    assert admin.patch(f"/api/v1/users/{nurse.user['id']}", json={"active": True}).status_code == 200
    assert login("nurse1").get("/api/v1/auth/me").status_code == 200


def test_role_units_name_and_password_change_what_the_user_gets(admin, login, demo):
    worker = login("worker1")
    answer = admin.patch(
        f"/api/v1/users/{worker.user['id']}",
        json={"role": "nurse", "unit_ids": [2], "name": "Wren W. Walker", "password": PASSWORD},
    )
    assert answer.get_json() == {
        "id": worker.user["id"],
        "username": "worker1",
        "name": "Wren W. Walker",
        "role": "nurse",
        "active": True,
        "unit_ids": [2],
        "must_change_password": True,
        "requires_cosign": False,
    }
    assert (
        demo.test_client()
        .post("/api/v1/auth/login", json={"username": "worker1", "password": "facility-demo"})
        .status_code
        == 401
    )
    moved = ApiClient(demo, "worker1", password=PASSWORD)
    chosen = moved.post("/api/v1/auth/password", json={"current_password": PASSWORD, "new_password": "worker1's own"})
    moved.csrf = chosen.get_json()["csrf_token"]  # the temporary password is replaced first
    assert moved.user["role"] == "nurse" and [u["name"] for u in moved.get("/api/v1/units").get_json()] == ["South"]
    assert moved.get("/api/v1/units/1/board").status_code == 404


def test_an_account_spanning_units_beyond_the_admins_own_cannot_be_changed(admin, demo, outsider):
    _eastie, east = outsider
    roamer, _units = add_user(demo, "roamer", ["North", "East"], Role.ADMIN)
    listed = next(u for u in admin.get("/api/v1/users").get_json() if u["id"] == roamer)
    assert listed["unit_ids"] == [1]  # East is none of this admin's business
    for body in ({"unit_ids": [2]}, {"password": "taken-over-now"}, {"active": False}, {"role": "worker"}):
        answer = admin.patch(f"/api/v1/users/{roamer}", json=body)
        assert answer.status_code == 403, body
    assert ApiClient(demo, "roamer", password=PASSWORD).user["unit_ids"] == [1, east]


def test_an_admin_of_one_unit_cannot_take_over_the_admin_of_two(demo, login):
    north_admin, _units = add_user(demo, "northadmin", ["North"], Role.ADMIN)
    north = ApiClient(demo, "northadmin", password=PASSWORD)
    big_admin = login("admin")
    answer = north.patch(f"/api/v1/users/{big_admin.user['id']}", json={"password": "taken-over-now"})
    assert answer.status_code == 403
    assert (
        demo.test_client()
        .post("/api/v1/auth/login", json={"username": "admin", "password": "taken-over-now"})
        .status_code
        == 401
    )
    assert big_admin.get("/api/v1/auth/me").status_code == 200


def test_the_last_active_admin_cannot_be_deactivated_even_by_a_stale_session(demo):
    from facility.admin.services import update_staff
    from facility.auth.models import User
    from facility.errors import Invalid

    other, _units = add_user(demo, "admin2", ["North", "South"], Role.ADMIN)
    with demo.app_context():
        session = demo.extensions["facility_db"].new_session()
        stale = session.scalar(select(User).where(User.username == "admin"))
        stale.active = False  # deactivated a moment ago by admin2; this admin's request is still running
        session.flush()
        with pytest.raises(Invalid) as refused:
            update_staff(session, stale, other, {"active": False})
        assert "active" in refused.value.errors
        with pytest.raises(Invalid):
            update_staff(session, stale, other, {"role": "lead"})
        session.rollback()
        session.close()


def test_an_admin_cannot_lock_themselves_out(admin):
    me = admin.user["id"]
    for body, field in (({"active": False}, "active"), ({"role": "lead"}, "role"), ({"unit_ids": [1]}, "unit_ids")):
        answer = admin.patch(f"/api/v1/users/{me}", json=body)
        assert answer.status_code == 422 and field in answer.get_json()["errors"], body
    assert admin.get("/api/v1/auth/me").get_json()["user"] == {**admin.user}
    assert admin.patch(f"/api/v1/users/{me}", json={"name": "Avery A. Admin"}).status_code == 200


def test_a_new_unit_is_the_admins_with_sorted_shift_starts(admin, login):
    answer = admin.post("/api/v1/units", json={"name": "West", "shift_starts": ["19:00", "07:00"]})
    assert answer.status_code == 201, answer.get_json()
    west = answer.get_json()
    assert west["shift_starts"] == ["07:00", "19:00"] and west["timezone"] == "America/New_York"
    assert "West" in [u["name"] for u in admin.get("/api/v1/units").get_json()]
    assert admin.get(f"/api/v1/units/{west['id']}/board").get_json()["residents"] == []
    assert "West" not in [u["name"] for u in login("lead1").get("/api/v1/units").get_json()]
    plain = admin.post("/api/v1/units", json={"name": "Annex"}).get_json()
    assert plain["shift_starts"] == ["07:00", "15:00", "23:00"]


@pytest.mark.parametrize("starts", [[], ["7:00"], ["24:00"], ["07:60"], ["07:00", "07:00"], ["noon"], "07:00"])
def test_bad_shift_times_are_refused_by_name(admin, starts):
    created = admin.post("/api/v1/units", json={"name": "West", "shift_starts": starts})
    assert created.status_code == 422 and "shift_starts" in created.get_json()["errors"]
    patched = admin.patch("/api/v1/units/1", json={"shift_starts": starts})
    assert patched.status_code == 422 and "shift_starts" in patched.get_json()["errors"]
    assert admin.get("/api/v1/units").get_json()[0]["shift_starts"] == ["07:00", "15:00", "23:00"]


def test_a_unit_is_renamed_and_rescheduled(admin, login):
    answer = admin.patch("/api/v1/units/1", json={"name": "North Wing", "shift_starts": ["19:00", "07:00"]})
    assert answer.status_code == 200
    unit = login("worker1").get("/api/v1/units").get_json()[0]
    assert unit["name"] == "North Wing" and unit["shift_starts"] == ["07:00", "19:00"]


def test_unit_names_are_unique_and_other_units_are_not_found(admin, outsider):
    assert admin.post("/api/v1/units", json={"name": "South"}).status_code == 409
    assert admin.patch("/api/v1/units/1", json={"name": "South"}).status_code == 409
    _eastie, east = outsider
    assert admin.patch(f"/api/v1/units/{east}", json={"name": "Elsewhere"}).status_code == 404


def test_every_change_is_audited_without_the_password(admin, session):
    wendy = admin.post("/api/v1/users", json=new_worker()).get_json()
    admin.patch(f"/api/v1/users/{wendy['id']}", json={"active": False, "password": "another long secret"})
    unit = admin.post("/api/v1/units", json={"name": "West"}).get_json()
    admin.patch(f"/api/v1/units/{unit['id']}", json={"shift_starts": ["06:00", "18:00"]})
    (created,) = audit_rows(session, "admin.user_created")
    assert (created.user_id, created.target) == (admin.user["id"], f"user:{wendy['id']}")
    assert created.detail["username"] == "wendy"
    (updated,) = audit_rows(session, "admin.user_updated")
    assert updated.detail["changes"]["active"] == {"from": True, "to": False}
    assert updated.detail["changes"]["password"] == "reset"  # another's password set by an admin is temporary
    (unit_created,) = audit_rows(session, "admin.unit_created")
    (unit_updated,) = audit_rows(session, "admin.unit_updated")
    assert unit_created.target == unit_updated.target == f"unit:{unit['id']}"
    assert unit_updated.detail["changes"]["shift_starts"]["to"] == ["06:00", "18:00"]
    everything = " ".join(str(row.detail) for row in session.scalars(select(AuditEntry)))
    assert PASSWORD not in everything and "another long secret" not in everything


def test_an_empty_change_is_refused(admin):
    for path in ("/api/v1/users/2", "/api/v1/units/1"):
        answer = admin.patch(path, json={})
        assert answer.status_code == 422 and "nothing to change" in str(answer.get_json()["errors"])
