"""Logins, sessions, CSRF, rate limits, idle logout, headers and the audit of logins."""

from sqlalchemy import select

from facility.records.models import AuditEntry
from tests.conftest import ApiClient


def test_login_answers_the_user_and_a_csrf_token(login):
    client = login("worker1")
    assert client.user["role"] == "worker" and client.user["unit_ids"] == [1]
    me = client.get("/api/v1/auth/me")
    assert me.status_code == 200 and me.get_json()["user"]["username"] == "worker1"


def test_unknown_user_and_wrong_password_get_the_same_401(demo):
    client = demo.test_client()
    unknown = client.post("/api/v1/auth/login", json={"username": "nobody", "password": "facility-demo"})
    wrong = client.post("/api/v1/auth/login", json={"username": "worker1", "password": "nope"})
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.get_json()["message"] == wrong.get_json()["message"]


def test_me_without_a_session_is_401_json(demo):
    answer = demo.test_client().get("/api/v1/auth/me")
    assert answer.status_code == 401 and answer.get_json()["code"] == 401


def test_login_is_rate_limited(demo):
    demo.config["LOGIN_ACCOUNT_LIMIT"] = "3 per minute"
    client = demo.test_client()
    codes = [
        client.post("/api/v1/auth/login", json={"username": "worker1", "password": "x"}).status_code for _ in range(5)
    ]
    assert codes[:3] == [401, 401, 401] and codes[3] == 429
    assert client.post("/api/v1/auth/login", json={"username": "worker1", "password": "x"}).get_json()["code"] == 429


def test_a_write_without_the_csrf_token_is_refused_and_stores_nothing(login, demo):
    client = login("nurse1")
    client.csrf = None
    answer = client.post("/api/v1/alerts/1/ack", json={})
    assert answer.status_code == 400 and "CSRF" in answer.get_json()["message"]


def test_logins_are_audited_success_and_failure(demo, session):
    client = demo.test_client()
    client.post("/api/v1/auth/login", json={"username": "worker1", "password": "bad"})
    ApiClient(demo, "worker1")
    actions = [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions.count("login.failure") == 1 and actions.count("login.success") == 1


def test_idle_session_is_logged_out_after_the_configured_minutes(login, clock):
    client = login("worker1")
    clock.advance(minutes=14)
    assert client.get("/api/v1/units").status_code == 200
    clock.advance(minutes=14)  # 14 since the last request: still in
    assert client.get("/api/v1/units").status_code == 200
    clock.advance(minutes=16)
    assert client.get("/api/v1/units").status_code == 401


def test_answers_carry_security_headers_and_hardened_cookie(demo):
    answer = demo.test_client().post("/api/v1/auth/login", json={"username": "worker1", "password": "facility-demo"})
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    csp = answer.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert answer.headers["X-Frame-Options"] == "DENY"


def test_login_page_logs_in_and_lands_on_the_role_page(demo):
    client = demo.test_client()
    page = client.get("/login")
    token = page.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    answer = client.post("/login", data={"username": "worker1", "password": "facility-demo", "csrf_token": token})
    assert answer.status_code == 302
    landing = client.get(answer.headers["Location"], follow_redirects=True)
    assert landing.status_code == 200 and b'data-unit-id="1"' in landing.data


def test_healthz_answers_without_a_session(demo):
    assert demo.test_client().get("/healthz").get_json() == {"status": "ok", "database": "ok"}
