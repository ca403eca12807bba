"""The contract's edges: JSON errors everywhere under /api/, OpenAPI, and garbage never causing a 500."""

import pytest

from tests.conftest import new_uid

WRITES = [
    "/api/v1/residents",
    "/api/v1/residents/1/discharge",
    "/api/v1/residents/1/transfer",
    "/api/v1/residents/1/observation-level",
    "/api/v1/events/abc/amend",
    "/api/v1/events/abc/void",
    "/api/v1/alerts/1/ack",
    "/api/v1/rounds/checks",
    "/api/v1/sync",
    "/api/v1/handoffs",
    "/api/v1/handoffs/1/ack",
    "/api/v1/users",
    "PATCH /api/v1/users/2",
    "/api/v1/units",
    "PATCH /api/v1/units/1",
]
ADMIN_ONLY = ("/api/v1/users", "/api/v1/units")  # fuzzed as the admin, so garbage reaches the use case
GARBAGE = [
    None,
    [],
    "text",
    12,
    {"uid": "not-a-uuid"},
    {"uid": new_uid(), "occurred_at": "yesterday"},
    {"unit_id": "x", "resident_id": [], "level": {"a": 1}},
    {"occurred_at": "2026-13-45T99:00:00Z"},
    {"uid": new_uid(), "occurred_at": "2026-01-01T00:00:00+00:00", "reason": "x" * 10000, "data": "nope"},
    {"records": "nope"},
    {"records": [None, 1, "x", {"type": "rounds.check"}]},
    {"records": [{}] * 501},
    {"unit_id": 10**12, "shift_start": "not a time"},
    {"resident_id": -1, "location": None, "state": 3},
]


def test_openapi_document_describes_the_api(demo):
    spec = demo.test_client().get("/api/v1/openapi.json").get_json()
    assert spec["info"]["title"] == "facility"
    assert "/api/v1/residents/{resident_id}/observation-level" in spec["paths"]
    assert "LevelChangeIn" in spec["components"]["schemas"]


def test_unknown_api_path_is_json_404(demo):
    answer = demo.test_client().get("/api/v1/nothing-here")
    assert answer.status_code == 404 and answer.get_json()["status"] == "Not Found"


@pytest.mark.parametrize("write", WRITES)
def test_garbage_bodies_get_4xx_json_never_500(login, write):
    method, _, path = write.rpartition(" ")
    client = login("admin" if path.startswith(ADMIN_ONLY) else "lead1")
    send = client.patch if method == "PATCH" else client.post
    for body in GARBAGE:
        answer = send(path, json=body) if body is not None else send(path, data="{not json")
        assert answer.status_code != 500 and answer.is_json, (path, body, answer.status_code)
        if path != "/api/v1/sync" or answer.status_code != 200:  # a batch answers each record on its own
            assert 400 <= answer.status_code < 500, (path, body, answer.status_code)
            assert answer.get_json()["code"] == answer.status_code
        else:
            assert all(400 <= r["status"] < 500 for r in answer.get_json()["results"]), body


def test_unknown_fields_are_named(login):
    answer = login("lead1").post(
        "/api/v1/residents/1/discharge",
        json={"uid": new_uid(), "occurred_at": "2026-01-01T00:00:00+00:00", "colour": 1},
    )
    assert answer.status_code == 422 and "colour" in answer.get_json()["errors"]


def test_a_unique_clash_found_only_by_the_database_is_a_409_not_a_500(login, monkeypatch):
    # As when two requests race past the service's own check for the same name.
    monkeypatch.setattr("facility.admin.services._check_unit_name", lambda *args, **kwargs: None)
    answer = login("admin").post("/api/v1/units", json={"name": "North"})
    assert answer.status_code == 409 and answer.get_json()["code"] == 409
