"""The nurse console never goes quiet while it looks alive: idle, it locks (still ringing, without names) until a
nurse's password opens it; an ended session or a changed access says so at once, full screen and aloud."""

import json
import uuid
from datetime import UTC, datetime

import pytest

from tests.alert_factory import raise_committed, resident_of
from tests.e2e.alert_clients import ROOMY_LOGIN, Console, wait_until
from tests.e2e.conftest import login_session, page_login

pytestmark = [pytest.mark.e2e, pytest.mark.page]

# A console left alone locks after this many seconds (15 minutes in a real installation).
QUICK_LOCK = {"SESSION_IDLE_SECONDS": "6", **ROOMY_LOGIN}
# Counts what the page played (alert-sound.js says so on window): evaluated through DevTools, out of the CSP's reach.
COUNT_SOUNDS = "window.sounds = 0; window.addEventListener('facility:sound', () => { window.sounds += 1; })"


def open_console(browser, server, username="nurse1"):
    page = browser.new_context(viewport={"width": 1024, "height": 768}).new_page()
    page_login(page, server, username, next_path="/alerts")
    page.wait_for_selector("#socket-status:text('live')")
    page.evaluate(COUNT_SOUNDS)
    page.click("#console h1")  # a first tap lets the browser play sound
    return page


def identity(demo, unit="North"):
    with demo.app_context():
        session = demo.extensions["facility_db"].new_session()
        resident = resident_of(session, unit)
        names = [resident.first_name, resident.last_name, resident.display_name]
        session.close()
    return names


def breathing_not_seen(server, demo) -> str:
    """A worker finds the first resident of North asleep and cannot see them breathe (a critical alert); its uid."""
    with demo.app_context():
        session = demo.extensions["facility_db"].new_session()
        resident_id = resident_of(session, "North").id
        session.close()
    uid = str(uuid.uuid4())
    answer = login_session(server, "worker1").post(
        f"{server.url}/api/v1/rounds/checks",
        json={
            "uid": uid,
            "resident_id": resident_id,
            "occurred_at": datetime.now(UTC).isoformat(),
            "location": "own_room",
            "state": "asleep",
            "breathing_observed": False,
        },
    )
    assert answer.status_code == 201, answer.text
    return uid


def sounds(page) -> int:
    return page.evaluate("window.sounds")


def test_a_logout_elsewhere_ends_the_console_at_once_full_screen_and_aloud_never_reconnecting(start_server, browser):
    server = start_server()
    page = open_console(browser, server)
    assert login_session(server, "nurse1").post(server.url + "/api/v1/auth/logout").status_code == 204
    page.wait_for_selector("#session-ended", state="visible", timeout=5000)
    assert page.inner_text("#session-ended-title") == "Your session was ended — log in again"
    assert "reconnecting" not in page.inner_text("#socket-status")
    box = page.locator("#session-ended").bounding_box()
    assert box["width"] >= 1000 and box["height"] >= 700  # the whole screen, not a line under the toolbar
    wait_until(lambda: sounds(page) >= 1, timeout=5, what="the console to sound the end of the session")


def test_a_nurse_made_a_worker_reads_that_her_access_changed_not_that_her_session_ended(start_server, browser):
    server = start_server()
    page = open_console(browser, server)
    admin = login_session(server, "admin")
    nurse_id = next(u["id"] for u in admin.get(server.url + "/api/v1/users").json() if u["username"] == "nurse1")
    assert admin.patch(f"{server.url}/api/v1/users/{nurse_id}", json={"role": "worker"}).status_code == 200
    page.wait_for_selector("#session-ended", state="visible", timeout=5000)
    assert page.inner_text("#session-ended-title").startswith("Your access changed")
    assert "access changed" == page.inner_text("#socket-status")


@pytest.mark.slow(reason="waits out the console's idle time (6 s) twice: the page's and a socket client's")
def test_an_idle_console_locks_keeps_ringing_without_names_and_opens_with_the_nurses_password(
    demo, start_server, browser
):
    server = start_server(**QUICK_LOCK)
    [known] = raise_committed(demo, "North", severity="warning")
    page = open_console(browser, server)
    page.wait_for_selector(f"#alerts li[data-id='{known}'] .who")
    names = identity(demo)
    socket = Console(server, "nurse1")
    socket.client.on("console", lambda body: socket.received.append(("console", body)), namespace="/alerts")
    socket.connect()

    page.wait_for_selector("#console-locked", state="visible", timeout=15000)
    socket.wait_for("console", lambda body: body["locked"])
    assert "Locked · no new critical alerts" in page.inner_text("#locked-summary")
    before = sounds(page)
    breathing_not_seen(server, demo)
    page.wait_for_selector("#locked-summary:has-text('1 new critical alert on North')")
    assert page.inner_text("#locked-summary") == "Locked · 1 new critical alert on North · log in to see them"
    wait_until(lambda: sounds(page) > before, timeout=5, what="the locked console to ring")
    html = page.content()
    leaked = [name for name in names if name in html]
    # on failure, say where the name stands in the page (seen once under heavy load, not reproduced since)
    assert not leaked, [html[max(0, html.index(name) - 300) : html.index(name) + 100] for name in leaked]
    frame = socket.wait_for("alert", lambda body: body["kind"] == "breathing_not_observed")
    critical = frame["id"]
    assert frame["severity"] == "critical" and not [name for name in names if name in json.dumps(frame)]
    assert "resident_id" not in frame and "message" not in frame
    socket.disconnect()

    page.fill("#unlock-form input[name=password]", "facility-demo")
    page.click("#unlock-form button[type=submit]")
    page.wait_for_selector("#console-locked", state="hidden")
    item = page.locator(f"#alerts li[data-id='{critical}']")
    item.wait_for()
    assert names[2] in item.inner_text()
    assert item.locator("a.message").get_attribute("href").startswith("/residents/")


def test_alert_cards_lead_to_the_page_of_what_they_are_about(demo, start_server, browser):
    server = start_server()
    [alert_id] = raise_committed(demo, "North", severity="warning")
    page = open_console(browser, server)
    link = page.locator(f"#alerts li[data-id='{alert_id}'] a.message")
    link.click()
    page.wait_for_url("**/residents/*")
    assert identity(demo)[0] in page.inner_text("main")


def test_the_login_page_says_the_user_logged_out(start_server, browser):
    server = start_server()
    page = open_console(browser, server)
    page.click("header form.logout button")
    page.wait_for_selector("#login-ended")
    assert "You have logged out" in page.inner_text("#login-ended")
