"""A forgotten password: the admin sets a temporary one; its owner can do nothing but choose their own first."""

from sqlalchemy import select

from facility.records.models import AuditEntry

TEMPORARY = "temporary secret 42"
OWN = "my very own secret"


def reset(login, username="worker1", password=TEMPORARY):
    admin = login("admin")
    user_id = next(u["id"] for u in admin.get("/api/v1/users").get_json() if u["username"] == username)
    answer = admin.patch(f"/api/v1/users/{user_id}", json={"password": password})
    assert answer.status_code == 200, answer.get_json()
    return user_id


def test_after_a_reset_the_old_sessions_end_and_the_temporary_password_opens_only_the_password_change(login):
    before = login("worker1")
    reset(login)
    assert before.get("/api/v1/auth/me").status_code == 401  # whoever held the old password is out

    worker = login("worker1", password=TEMPORARY)
    assert worker.user["must_change_password"] is True
    refused = worker.get("/api/v1/units")
    assert refused.status_code == 403 and "choose a new password first" in refused.get_json()["message"]
    assert worker.post("/api/v1/rounds/checks", json={}).status_code == 403  # before the body is read
    page = worker.get("/units/1/rounds")
    assert page.status_code == 302 and page.headers["Location"].startswith("/password?next=/units/1/rounds")
    assert "temporary password" in worker.get("/password").get_data(as_text=True)

    wrong = worker.post("/api/v1/auth/password", json={"current_password": "not it at all", "new_password": OWN})
    assert wrong.status_code == 422 and "current_password" in wrong.get_json()["errors"]
    same = worker.post("/api/v1/auth/password", json={"current_password": TEMPORARY, "new_password": TEMPORARY})
    assert same.status_code == 422 and "new_password" in same.get_json()["errors"]
    short = worker.post("/api/v1/auth/password", json={"current_password": TEMPORARY, "new_password": "short"})
    assert short.status_code == 422 and "new_password" in short.get_json()["errors"]

    changed = worker.post("/api/v1/auth/password", json={"current_password": TEMPORARY, "new_password": OWN})
    assert changed.status_code == 200 and changed.get_json()["user"]["must_change_password"] is False
    worker.csrf = changed.get_json()["csrf_token"]
    assert worker.get("/api/v1/units").status_code == 200  # this session goes on
    assert login("worker1", password=OWN).user["must_change_password"] is False


def form_token(page):
    return page.get_data(as_text=True).split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def test_the_login_form_leads_to_the_password_form_which_then_leads_on(login):
    reset(login)
    browser = login(None).http
    csrf = form_token(browser.get("/login"))
    landed = browser.post(
        "/login?next=/units/1/care", data={"username": "worker1", "password": TEMPORARY, "csrf_token": csrf}
    )
    assert landed.status_code == 302 and landed.headers["Location"].startswith("/password?next=/units/1/care")
    csrf = form_token(browser.get(landed.headers["Location"]))  # a new session, a new token

    mismatch = browser.post(
        "/password?next=/units/1/care",
        data={"current_password": TEMPORARY, "new_password": OWN, "new_password_again": OWN + "!", "csrf_token": csrf},
    )
    assert mismatch.status_code == 422 and "new password again: the two new passwords differ" in mismatch.get_data(
        as_text=True
    )
    done = browser.post(
        "/password?next=/units/1/care",
        data={"current_password": TEMPORARY, "new_password": OWN, "new_password_again": OWN, "csrf_token": csrf},
    )
    assert done.status_code == 302 and done.headers["Location"] == "/units/1/care"
    assert browser.get("/units/1/care").status_code == 200


def test_a_reset_is_audited_as_a_reset_and_an_admin_changing_their_own_password_is_not_held_up(login, demo):
    user_id = reset(login)
    admin = login("admin")
    own = admin.patch(f"/api/v1/users/{admin.user['id']}", json={"password": OWN})
    assert own.status_code == 200
    assert login("admin", password=OWN).user["must_change_password"] is False
    with demo.app_context():
        session = demo.extensions["facility_db"].new_session()
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "admin.user_updated")).all()
        said = {row.target: row.detail["changes"]["password"] for row in rows}
        session.close()
    assert said[f"user:{user_id}"] == "reset" and said[f"user:{admin.user['id']}"] == "changed"
    assert TEMPORARY not in str(said) and OWN not in str(said)


def test_anyone_may_change_their_own_password(login):
    nurse = login("nurse1")
    assert nurse.user["must_change_password"] is False
    changed = nurse.post("/api/v1/auth/password", json={"current_password": "facility-demo", "new_password": OWN})
    assert changed.status_code == 200
    assert (
        login(None)
        .http.post("/api/v1/auth/login", json={"username": "nurse1", "password": "facility-demo"})
        .status_code
        == 401
    )


def test_a_temporary_password_opens_no_alert_console(demo, login):
    from facility.extensions import socketio

    reset(login, "nurse1")
    nurse = login("nurse1", password=TEMPORARY)
    client = socketio.test_client(demo, namespace="/alerts", flask_test_client=nurse.http)
    assert not client.is_connected("/alerts")
    changed = nurse.post("/api/v1/auth/password", json={"current_password": TEMPORARY, "new_password": OWN})
    assert changed.status_code == 200
    client = socketio.test_client(demo, namespace="/alerts", flask_test_client=nurse.http)
    assert client.is_connected("/alerts")
    client.disconnect("/alerts")
