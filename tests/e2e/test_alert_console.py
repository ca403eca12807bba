"""The nurse console in headless Chromium: a new alert appears without a reload and is acknowledged."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.alert_factory import raise_committed
from tests.e2e.alert_clients import ROOMY_LOGIN
from tests.e2e.conftest import login_session, page_login

pytestmark = [pytest.mark.e2e, pytest.mark.page]


def test_the_console_shows_a_new_alert_live_and_acknowledges_it_with_one_tap(demo, start_server, browser):
    server = start_server(SCHEDULER_EMBEDDED="1", SWEEP_SECONDS="1", **ROOMY_LOGIN)
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda msg: msg.type == "error" and "favicon" not in msg.location.get("url", "") and errors.append(msg.text),
    )
    page_login(page, server, "nurse1", next_path="/alerts")
    page.wait_for_selector("#socket-status:text('live')")

    # the server's own sweep turns this stale warning critical and pushes it: no reload happens
    [alert_id] = raise_committed(demo, "North", now=datetime.now(UTC) - timedelta(minutes=11), severity="warning")
    item = page.locator(f"#alerts li[data-id='{alert_id}']")
    item.wait_for()
    page.wait_for_selector(f"#alerts li[data-id='{alert_id}'].sev-critical.state-open")
    assert page.is_visible("#critical-banner") and "critical alert" in page.inner_text("#critical-banner")

    item.locator("button.ack").click()
    page.wait_for_selector(f"#alerts li[data-id='{alert_id}'].state-acknowledged")
    assert "acknowledged by Nell Norris" in item.inner_text()
    assert page.locator(f"#alerts li[data-id='{alert_id}'].state-open").count() == 0
    stored = login_session(server, "lead1").get(f"{server.url}/api/v1/alerts?status=acknowledged").json()
    assert [a["id"] for a in stored["items"]] == [alert_id]
    # the console remembers the newest alert it has seen (the demo's own overdue checks may come after ours)
    remembered, newest_shown = page.evaluate(
        "[+localStorage.getItem('facility.alerts.last_alert_id.' + document.getElementById('console').dataset.userId),"
        " Math.max(...[...document.querySelectorAll('#alerts li')].map(i => +i.dataset.id))]"
    )
    assert remembered == newest_shown >= alert_id
    assert errors == []
