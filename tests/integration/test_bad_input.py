"""Bad input is a 4xx naming what is wrong, never a 5xx; no patient data in the logs whatever fails."""

import logging

import pytest

from tests.conftest import iso, new_uid

HUGE = 2**63


def admission(clock, **over):
    return {
        "unit_id": 1,
        "first_name": "Philippa",
        "last_name": "Quennell",
        "date_of_birth": "1990-04-01",
        "room": "N120",
        "record_number": "MRN-7731",
        "admitted_at": iso(clock.now),
        "observation_level": "q60",
        **over,
    }


def test_events_of_an_unknown_resident_are_a_404(login):
    answer = login("nurse1").get("/api/v1/events?unit_id=1&resident_id=99999")
    assert answer.status_code == 404 and answer.get_json()["code"] == 404


def test_an_unknown_assigned_staff_member_on_admission_is_a_422_naming_the_field(login, clock):
    answer = login("lead1").post("/api/v1/residents", json=admission(clock, assigned_staff_id=99999))
    assert answer.status_code == 422 and "assigned_staff_id" in answer.get_json()["errors"]


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/residents/{HUGE}",
        f"/api/v1/units/{HUGE}/board",
        f"/api/v1/handoffs/{HUGE}",
    ],
)
def test_ids_beyond_a_database_integer_in_a_path_are_not_found(login, path):
    assert login("lead1").get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/events?unit_id={HUGE}",
        f"/api/v1/events?unit_id=1&resident_id={HUGE}",
        f"/api/v1/events?unit_id=1&after_id={HUGE}",
        f"/api/v1/alerts?unit_id={HUGE}",
        f"/api/v1/residents?unit_id={HUGE}",
    ],
)
def test_ids_beyond_a_database_integer_in_a_query_are_a_422(login, path):
    answer = login("nurse1").get(path)
    assert answer.status_code == 422 and answer.get_json()["errors"]


def test_an_id_beyond_a_database_integer_in_a_body_is_a_422(login, clock):
    body = {
        "uid": new_uid(),
        "resident_id": HUGE,
        "occurred_at": iso(clock.now),
        "location": "own_room",
        "state": "awake_calm",
    }
    answer = login("worker1").post("/api/v1/rounds/checks", json=body)
    assert answer.status_code == 422 and "resident_id" in answer.get_json()["errors"]


@pytest.mark.parametrize("bad", ["Nul\x00l", "Lone\ud800surrogate"])
def test_nul_bytes_and_lone_surrogates_in_names_are_a_422_naming_the_field(login, clock, bad):
    answer = login("lead1").post("/api/v1/residents", json=admission(clock, first_name=bad))
    assert answer.status_code == 422 and "first_name" in answer.get_json()["errors"]


@pytest.mark.parametrize("bad", ["Nul\x00l", "Lone\ud800surrogate"])
def test_nul_bytes_in_a_login_or_a_query_are_refused_plainly(demo, login, bad):
    client = demo.test_client()
    answer = client.post("/api/v1/auth/login", json={"username": bad, "password": bad})
    assert answer.status_code == 422 and "username" in answer.get_json()["errors"]
    # a query string arrives as UTF-8, which cannot carry a lone surrogate; NUL it can
    assert login("nurse1").get("/api/v1/events", query_string={"unit_id": 1, "kind": "a\x00b"}).status_code == 422


def test_a_record_uid_that_is_no_uuid_is_not_found(login):
    answer = login("nurse1").post("/api/v1/events/not%00a-uid/void", json={"uid": new_uid(), "reason": "mistake"})
    assert answer.status_code == 404


def test_an_80_character_username_is_audited_without_overflow(demo):
    answer = demo.test_client().post("/api/v1/auth/login", json={"username": "u" * 80, "password": "wrong"})
    assert answer.status_code == 401


def test_an_admin_of_many_units_lists_residents(login):
    admin = login("admin")
    for number in range(40):
        assert admin.post("/api/v1/units", json={"name": f"Wing {number:02d}"}).status_code == 201
    assert admin.get("/api/v1/residents").status_code == 200


def test_a_body_over_one_megabyte_is_a_413_in_the_api_shape(login, clock):
    huge = {"records": [{"type": "rounds.check", "body": {"note": "x" * 2_000_000}}]}
    answer = login("worker1").post("/api/v1/sync", json=huge)
    assert answer.status_code == 413
    assert answer.get_json()["code"] == 413 and answer.get_json()["message"]


def test_a_405_names_the_allowed_methods(login):
    answer = login("nurse1").http.delete("/api/v1/alerts")
    assert answer.status_code == 405
    assert set(answer.headers["Allow"].replace(" ", "").split(",")) >= {"GET"}


def test_a_database_error_during_admission_logs_no_patient_data(login, clock, caplog, monkeypatch):
    from facility.census import services

    # Let an unknown staff id through to the database, whose foreign key then refuses the insert.
    monkeypatch.setattr(services, "_check_assignee", lambda *args: None)
    caplog.set_level(logging.DEBUG)
    answer = login("lead1").post("/api/v1/residents", json=admission(clock, assigned_staff_id=99999))
    assert answer.status_code == 500
    logged = caplog.text
    assert "IntegrityError" in logged
    for secret in ("Philippa", "Quennell", "1990-04-01", "MRN-7731"):
        assert secret not in logged


def test_the_page_login_refuses_an_offsite_next(demo):
    client = demo.test_client()
    for target in ("/%09/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/%0a/evil"):
        token = client.get("/login").get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
        answer = client.post(
            f"/login?next={target}", data={"username": "worker1", "password": "facility-demo", "csrf_token": token}
        )
        assert answer.status_code == 302
        location = answer.headers["Location"]
        assert "evil" not in location, target
        client.post("/api/v1/auth/logout", headers={"X-CSRFToken": token})
    token = client.get("/login").get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    answer = client.post(
        "/login?next=/units/1/rounds", data={"username": "worker1", "password": "facility-demo", "csrf_token": token}
    )
    assert answer.headers["Location"] == "/units/1/rounds"


def test_the_session_cookie_is_secure_by_default_outside_tests(monkeypatch):
    from facility.config import Config

    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    assert Config().SESSION_COOKIE_SECURE is True
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "0")
    assert Config().SESSION_COOKIE_SECURE is False


def test_a_failed_push_logs_no_resident_name(demo, caplog):
    from facility.alerts.notifier import install
    from tests.alert_factory import raise_committed

    class BrokenSocket:
        def emit(self, event, payload, room):
            raise RuntimeError(f"could not send {payload}")

    install(demo, BrokenSocket())
    caplog.set_level(logging.DEBUG)
    raise_committed(demo, "North")
    assert "push of alert failed" in caplog.text
    assert "'resident_display':" not in caplog.text  # the payload, quoted by the error's message


@pytest.mark.parametrize(
    "path, field",
    [
        ("/api/v1/units/1/med-pass?date=0001-01-01", "date"),
        ("/api/v1/units/1/med-pass?date=9999-12-31", "date"),
        ("/api/v1/residents/1/mor?month=0001-01", "month"),
        ("/api/v1/residents/1/mor?month=9999-12", "month"),
    ],
)
def test_a_day_or_month_at_the_ends_of_the_calendar_is_a_422_naming_it(login, path, field):
    answer = login("nurse1").get(path)
    assert answer.status_code == 422 and field in answer.get_json()["errors"]


@pytest.mark.parametrize("month", ["0001-01", "9999-12"])
def test_the_printable_record_of_a_month_at_the_ends_of_the_calendar_is_a_bad_request(login, month):
    assert login("nurse1").get(f"/residents/1/mor?month={month}").status_code == 400


@pytest.mark.parametrize("path", ["/api/v1/incidents", "/api/v1/sync"])
def test_a_body_nested_too_deep_is_a_400_saying_it_is_not_acceptable_json(login, path):
    answer = login("nurse1").post(path, data="[" * 500_000, headers={"Content-Type": "application/json"})
    assert answer.status_code == 400
    assert answer.get_json()["code"] == 400 and "JSON" in answer.get_json()["message"]
