"""The nurse console when the session ends, and its times: facility zone, 24-hour, the same everywhere."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.alert_factory import raise_committed
from tests.e2e.conftest import end_session, login_session, page_login

pytestmark = [pytest.mark.e2e, pytest.mark.page]


def open_console(context, server, username="nurse1"):
    page = context.new_page()
    page_login(page, server, username, next_path="/alerts")
    page.wait_for_selector("#socket-status:text('live')")
    return page


def test_an_ended_session_is_said_on_the_console_and_a_login_in_place_brings_the_same_view_back(
    demo, start_server, browser
):
    server = start_server()
    [alert_id] = raise_committed(demo, "North", severity="warning")
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = open_console(context, server)
    item = f"#alerts li[data-id='{alert_id}']"
    page.wait_for_selector(item)
    page.select_option("#filter-state", "open")
    url = page.url

    end_session(page, context)
    page.click(f"{item} button.ack")
    page.wait_for_selector("#session-ended", state="visible")
    assert "session was ended" in page.inner_text("#session-ended").lower()
    assert "live" != page.inner_text("#socket-status") and page.is_hidden("#alerts")

    page.fill("#relogin-form input[name=password]", "facility-demo")
    page.click("#relogin-form button[type=submit]")
    page.wait_for_selector("#session-ended", state="hidden")
    page.wait_for_selector("#socket-status:text('live')")
    assert page.url == url and page.input_value("#filter-state") == "open"
    assert page.is_enabled(f"{item} button.ack")  # the refused acknowledgement can be made again
    page.click(f"{item} button.ack")
    page.wait_for_selector(item, state="detached")  # acknowledged: no longer among the open ones shown
    stored = login_session(server, "lead1").get(f"{server.url}/api/v1/alerts?status=acknowledged").json()
    assert [a["id"] for a in stored["items"]] == [alert_id]


def test_console_times_are_the_facilitys_on_a_24_hour_clock_whatever_the_browsers_zone(demo, start_server, browser):
    server = start_server()
    raised = datetime.now(UTC).replace(hour=21, minute=7) - timedelta(days=1)  # 16:07 or 17:07 in New York
    [alert_id] = raise_committed(demo, "North", now=raised, severity="warning")
    page = open_console(browser.new_context(timezone_id="Asia/Tokyo", locale="en-US"), server)
    page.wait_for_selector(f"#alerts li[data-id='{alert_id}']")
    shown = page.inner_text(f"#alerts li[data-id='{alert_id}'] .meta")
    assert shown.endswith(raised.astimezone(ZoneInfo("America/New_York")).strftime("%H:%M"))
    assert "AM" not in shown and "PM" not in shown


def test_a_worker_opening_the_console_reads_that_it_is_for_nurses_and_leads(start_server, browser):
    server = start_server()
    page = browser.new_page()
    page_login(page, server, "worker1")
    page.wait_for_selector("#board .tile")
    answer = page.goto(server.url + "/alerts")
    assert answer.status == 403
    assert "for nurses and leads" in page.inner_text("h1")
    assert page.is_hidden("#alerts") and page.locator("#socket-status").count() == 0
    page.click("text=Go to my start page")
    page.wait_for_selector("#board .tile")
