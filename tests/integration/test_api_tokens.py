"""API tokens of systems: made by an admin and shown once, scoped to units and to what they may do, expiring,
revocable at once, each use in the audit log; a Bearer request needs no CSRF token and opens no page."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from facility.records.models import AuditEntry
from tests.conftest import new_uid


def make_token(admin, **over):
    body = {"name": "State reporting", "unit_ids": [1], "scopes": ["api.read"], **over}
    answer = admin.post("/api/v1/tokens", json=body)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def local_day(app, moment):
    return moment.astimezone(ZoneInfo(app.config["FACILITY_TIMEZONE"])).date()


def bearer(app, token):
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token['token']}"}
    return lambda method, path, **kw: client.open(path, method=method, headers=headers, **kw)


def test_a_token_reads_its_units_through_the_api_and_nothing_else(demo, login):
    admin = login("admin")
    token = make_token(admin)
    assert token["token"].startswith("fct_") and token["state"] == "active" and token["created_by"] == "Avery Admin"
    system = bearer(demo, token)

    residents = system("GET", "/api/v1/residents?unit_id=1")
    assert residents.status_code == 200 and len(residents.get_json()) == 12
    assert "Set-Cookie" not in residents.headers  # a token keeps no session
    assert system("GET", "/api/v1/units/1/board").status_code == 200
    assert system("GET", "/api/v1/residents?unit_id=2").status_code == 404  # another unit: as for people
    south = login("worker2").get("/api/v1/residents").get_json()[0]["id"]
    assert system("GET", f"/api/v1/residents/{south}").status_code == 404

    # Writes are refused as writes (403), not as forgeries: no CSRF token is asked of a system.
    check = {"uid": new_uid(), "resident_id": 1, "location": "own_room", "state": "awake_calm"}
    refused = system("POST", "/api/v1/rounds/checks", json=check)
    assert refused.status_code == 403 and "only reads" in refused.get_json()["message"]
    assert system("GET", "/api/v1/tokens").status_code == 403  # its scopes do not cover the admin's table
    assert system("GET", "/api/v1/auth/me").status_code == 403

    # A page with the token is a page for nobody: the login page, never the content.
    page = system("GET", "/units/1/rounds")
    assert page.status_code == 302 and "/login" in page.headers["Location"]


def test_a_token_is_shown_once_listed_without_its_secret_and_its_uses_are_audited(demo, login):
    admin = login("admin")
    token = make_token(admin)
    listed = admin.get("/api/v1/tokens").get_json()
    assert [t["id"] for t in listed] == [token["id"]] and "token" not in listed[0]
    bearer(demo, token)("GET", "/api/v1/residents?unit_id=1")
    with demo.app_context():
        session = demo.extensions["facility_db"].session
        rows = [(e.action, e.target, e.user_id, e.detail) for e in session.scalars(select(AuditEntry))]
        session.rollback()
    mine = f"token:{token['id']}"
    assert ("token.create", mine) in [(action, target) for action, target, _, _ in rows]
    assert ("token.use", mine) in [(action, target) for action, target, _, _ in rows]
    [read] = [detail for action, _, user, detail in rows if action == "read:residents" and user is None]
    assert read["by"] == mine  # what the token read names the token


def test_a_revoked_or_expired_token_is_refused_at_once_saying_why(demo, login, clock):
    admin = login("admin")
    today = local_day(demo, clock.now)  # the facility's day, not UTC's: they differ each evening
    revoked, expiring = make_token(admin), make_token(admin, expires_on=today.isoformat())
    assert bearer(demo, revoked)("GET", "/api/v1/residents?unit_id=1").status_code == 200
    gone = admin.http.delete(f"/api/v1/tokens/{revoked['id']}", headers={"X-CSRFToken": admin.csrf})
    assert gone.status_code == 200 and gone.get_json()["state"] == "revoked"
    refused = bearer(demo, revoked)("GET", "/api/v1/residents?unit_id=1")
    assert refused.status_code == 401 and "revoked" in refused.get_json()["message"]

    assert bearer(demo, expiring)("GET", "/api/v1/residents?unit_id=1").status_code == 200  # all of its last day
    clock.now += timedelta(days=1)
    demo.config["SESSION_IDLE_MINUTES"] = 48 * 60
    late = bearer(demo, expiring)("GET", "/api/v1/residents?unit_id=1")
    assert late.status_code == 401 and "expired" in late.get_json()["message"]
    unknown = bearer(demo, {"token": "fct_not-a-token"})("GET", "/api/v1/residents?unit_id=1")
    assert unknown.status_code == 401 and "unknown" in unknown.get_json()["message"]


def test_only_an_admin_makes_tokens_for_their_own_units_and_the_fields_are_checked(demo, login, clock):
    admin = login("admin")
    assert login("lead1").post("/api/v1/tokens", json={"name": "x"}).status_code == 403  # before the body is read
    bad = admin.post("/api/v1/tokens", json={"name": "", "unit_ids": [], "scopes": ["write.all"]}).get_json()
    assert {"name", "unit_ids", "scopes"} <= set(bad["errors"])
    assert (
        "unit_ids"
        in admin.post("/api/v1/tokens", json={"name": "x", "unit_ids": [99], "scopes": ["api.read"]}).get_json()[
            "errors"
        ]
    )
    past = (local_day(demo, clock.now) - timedelta(days=1)).isoformat()
    late = admin.post("/api/v1/tokens", json={"name": "x", "unit_ids": [1], "scopes": ["api.read"], "expires_on": past})
    assert late.status_code == 422 and "expires_on" in late.get_json()["errors"]
    assert admin.http.delete("/api/v1/tokens/999", headers={"X-CSRFToken": admin.csrf}).status_code == 404
