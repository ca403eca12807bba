"""Login throttling: guesses are held per account and address, the account waits its turn, and the person who
knows the password is not locked out (facility/auth/throttle.py)."""

import re
import time

from sqlalchemy import select

from facility.records.models import AuditEntry


def attempt(client, username, password="wrong-password", address="10.0.0.66"):
    return client.post(
        "/api/v1/auth/login", json={"username": username, "password": password}, environ_base={"REMOTE_ADDR": address}
    )


def page_attempt(client, username, password="wrong-password"):
    token = client.get("/login").get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token})


def wait_out(answer):
    """Let the wait an answer names pass (the throttle counts on the wall clock, in whole seconds)."""
    time.sleep(int(answer.headers["Retry-After"]) + 0.1)


def test_a_whole_shift_logging_in_from_one_access_point_is_never_throttled(demo):
    client = demo.test_client()
    for _ in range(6):
        for username in ("worker1", "worker2", "nurse1", "lead1"):
            assert attempt(client, username, "facility-demo").status_code == 200


def test_wrong_guesses_are_held_with_a_json_429_that_says_how_long_to_wait(demo):
    client = demo.test_client()
    assert [attempt(client, "worker1").status_code for _ in range(5)] == [401] * 5
    held = attempt(client, "worker1", "facility-demo")
    assert held.status_code == 429 and held.is_json
    body = held.get_json()
    assert body["code"] == 429 and body["status"] == "Too Many Requests"
    assert re.fullmatch(
        r"Too many failed logins\. Wait \d+ s before trying again \(at \d\d:\d\d:\d\d\)\.", body["message"]
    )
    assert 0 < int(held.headers["Retry-After"]) <= 60
    assert attempt(client, "nurse1", "facility-demo").status_code == 200  # a colleague at the same tablet


def test_the_owner_logs_in_from_another_address_while_a_guesser_is_held(demo):
    client = demo.test_client()
    for _ in range(5):
        attempt(client, "worker1")
    assert attempt(client, "worker1").status_code == 429
    assert attempt(client, "worker1", "facility-demo", address="10.0.0.7").status_code == 200
    assert attempt(client, "worker1").status_code == 429  # the guesser is still held


def test_guesses_from_many_addresses_wait_their_turn_and_the_right_password_works_after_the_wait(demo):
    demo.config.update(LOGIN_BACKOFF_AFTER="3 per 10 minutes", LOGIN_BACKOFF_SECONDS=1)
    client = demo.test_client()
    assert attempt(client, "lead1", "facility-demo", address="10.0.1.1").status_code == 200  # the owner's tablet
    guesses = [attempt(client, "lead1", address=f"10.0.2.{n}").status_code for n in range(1, 6)]
    assert guesses == [401, 401, 401, 401, 429]  # past three, each wrong password holds the account a while
    held = attempt(client, "lead1", "facility-demo", address="10.0.3.1")
    assert held.status_code == 429 and int(held.headers["Retry-After"]) == 1
    assert attempt(client, "lead1", "facility-demo", address="10.0.1.1").status_code == 200  # known tablet
    wait_out(held)
    assert attempt(client, "lead1", "facility-demo", address="10.0.3.1").status_code == 200


def test_one_address_failing_on_many_accounts_does_not_hold_a_colleague_who_logs_in_there(demo):
    client = demo.test_client()
    assert attempt(client, "nurse1", "facility-demo").status_code == 200  # the start of the shift
    sprayed = [attempt(client, f"guess{n}").status_code for n in range(100)]
    assert sprayed[:30] == [401] * 30 and set(sprayed[30:]) == {429}
    assert attempt(client, "nurse1", "facility-demo").status_code == 200
    held = attempt(client, "worker1", "facility-demo")  # a first login from here waits its turn, briefly
    assert held.status_code == 429 and 0 < int(held.headers["Retry-After"]) <= 20
    assert attempt(client, "worker1", "facility-demo", address="10.0.0.7").status_code == 200


def test_an_address_retrying_one_account_does_not_count_as_many(demo):
    demo.config.update(
        LOGIN_RATE_LIMIT="3 per 10 minutes", LOGIN_ACCOUNT_LIMIT="50/minute", LOGIN_BACKOFF_AFTER="50 per 10 minutes"
    )
    client = demo.test_client()
    assert [attempt(client, "worker1").status_code for _ in range(10)] == [401] * 10
    assert attempt(client, "worker2", "facility-demo").status_code == 200


def test_the_wait_grows_with_repeated_failures(demo):
    demo.config["LOGIN_ACCOUNT_LIMIT"] = "2/2 seconds;4/hour"
    client = demo.test_client()
    assert [attempt(client, "worker1").status_code for _ in range(3)] == [401, 401, 429]
    held = attempt(client, "worker1")
    assert re.search(r"Wait [12] s before", held.get_json()["message"])
    wait_out(held)
    assert [attempt(client, "worker1").status_code for _ in range(3)] == [401, 401, 429]
    assert re.search(r"Wait (59|60) minutes", attempt(client, "worker1").get_json()["message"])


def test_the_login_page_answers_a_hold_with_the_form_and_the_wait(demo):
    client = demo.test_client()
    for _ in range(5):
        assert page_attempt(client, "lead1").status_code == 401
    page = page_attempt(client, "lead1", "facility-demo")
    assert page.status_code == 429 and 0 < int(page.headers["Retry-After"]) <= 60
    html = page.get_data(as_text=True)
    assert re.search(r'role="alert">Too many failed logins\. Wait \d+ s before trying again', html)
    assert 'name="password"' in html and 'value="lead1"' in html and "data-wait-seconds=" in html


def test_each_hold_is_in_the_audit_log(demo, session):
    client = demo.test_client()
    for _ in range(6):
        attempt(client, "worker2")
    [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "login.locked")).all()
    assert entry.target == "user:worker2" and entry.detail["until"] and entry.detail["limit"] == "pair"
