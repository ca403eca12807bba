"""Login throttling: failures per account with growing waits, a generous ceiling per address, lockouts audited."""
import re
import time

from sqlalchemy import select

from facility.audit.models import AuditEntry


def attempt(client, username, password="wrong-password"):
    return client.post("/api/v1/auth/login", json={"username": username, "password": password})


def page_attempt(client, username, password="wrong-password"):
    token = client.get("/login").get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token})


def test_a_whole_shift_logging_in_from_one_access_point_is_never_throttled(demo):
    client = demo.test_client()
    for _ in range(6):
        for username in ("worker1", "worker2", "nurse1", "lead1"):
            assert attempt(client, username, "facility-demo").status_code == 200


def test_failures_lock_only_that_account_and_say_when_to_try_again(demo):
    client = demo.test_client()
    assert [attempt(client, "worker1").status_code for _ in range(5)] == [401] * 5
    locked = attempt(client, "worker1", "facility-demo")
    assert locked.status_code == 429
    assert re.search(r"Wait a minute, then try again \(at \d\d:\d\d\)", locked.get_json()["message"])
    assert 0 < int(locked.headers["Retry-After"]) <= 60
    assert attempt(client, "nurse1", "facility-demo").status_code == 200  # a colleague at the same tablet


def test_the_wait_grows_with_repeated_failures(demo):
    demo.config["LOGIN_ACCOUNT_LIMIT"] = "2/2 seconds;4/hour"
    client = demo.test_client()
    assert [attempt(client, "worker1").status_code for _ in range(3)] == [401, 401, 429]
    assert "Wait a minute" in attempt(client, "worker1").get_json()["message"]
    time.sleep(2.1)
    assert [attempt(client, "worker1").status_code for _ in range(3)] == [401, 401, 429]
    assert re.search(r"Wait (59|60) minutes", attempt(client, "worker1").get_json()["message"])


def test_the_login_page_answers_a_lockout_with_a_styled_message(demo):
    client = demo.test_client()
    for _ in range(5):
        assert page_attempt(client, "lead1").status_code == 401
    page = page_attempt(client, "lead1", "facility-demo")
    assert page.status_code == 429
    html = page.get_data(as_text=True)
    assert 'class="top"' in html and re.search(r"Too many failed logins\. Wait a minute, then try again", html)


def test_each_lockout_is_in_the_audit_log(demo, session):
    client = demo.test_client()
    for _ in range(6):
        attempt(client, "worker2")
    [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "login.locked")).all()
    assert entry.target == "user:worker2" and entry.detail["until"]


def test_the_address_ceiling_still_holds(demo):
    demo.config["LOGIN_RATE_LIMIT"] = "6 per minute"
    client = demo.test_client()
    codes = [attempt(client, name).status_code for name in ("a", "b", "c", "d", "e", "f", "g")]
    assert codes == [401] * 6 + [429]
