"""Issue 3's 'done when': two consoles in Chromium, an alert raised by another client's request, one ack seen by
both."""

import uuid
from datetime import UTC, datetime

import pytest

from tests.e2e.alert_clients import ROOMY_LOGIN
from tests.e2e.conftest import login_session, page_login

pytestmark = [pytest.mark.e2e, pytest.mark.page]


@pytest.mark.slow(reason="a tablet and two consoles, each a page of its own")
def test_an_alert_from_a_tablet_reaches_both_consoles_and_one_ack_is_seen_by_both(start_server, browser):
    server = start_server(**ROOMY_LOGIN)
    consoles = []
    for username in ("nurse1", "lead1"):
        page = browser.new_context().new_page()
        page_login(page, server, username, next_path="/alerts")
        page.wait_for_selector("#socket-status:text('live')")
        consoles.append(page)
    tablet = login_session(server, "worker1")
    check = {
        "uid": str(uuid.uuid4()),
        "resident_id": 5,
        "occurred_at": datetime.now(UTC).isoformat(),
        "location": "own_room",
        "state": "asleep",
        "breathing_observed": False,
    }
    assert tablet.post(f"{server.url}/api/v1/rounds/checks", json=check).status_code == 201
    for page in consoles:
        # pushed on commit: it shows without a reload, well inside five seconds even on a loaded machine
        page.wait_for_selector("#alerts li.sev-critical.state-open .kind:text('breathing not observed')", timeout=5000)
    item = consoles[0].locator("#alerts li", has_text="breathing not observed").first
    alert_id = item.get_attribute("data-id")
    item.locator("button.ack").click()
    for page in consoles:
        page.wait_for_selector(f"#alerts li[data-id='{alert_id}'].state-acknowledged")
    assert "acknowledged by Nell Norris" in consoles[1].inner_text(f"#alerts li[data-id='{alert_id}']")
