"""A scan counts only at the check: the tablet stamps scanned_at when the camera reads the code, and a sheet left
open past the server's window says the scan no longer counts and does not send it as a scan."""

import pytest

from tests.e2e.conftest import login_session
from tests.e2e.tablet import check_uids, open_board, waiting

pytestmark = [pytest.mark.e2e, pytest.mark.page]

WINDOW = "3"  # seconds: short enough for the sheet to outlive it in a test


def room_token(http, server, room):
    codes = http.get(f"{server.url}/api/v1/units/1/presence-codes")
    codes.raise_for_status()
    return next(c["token"] for c in codes.json() if c["kind"] == "room" and c["room"] == room)


def board_row(http, server, resident_id):
    rows = http.get(f"{server.url}/api/v1/units/1/board").json()["residents"]
    return next(r for r in rows if r["id"] == resident_id)


@pytest.mark.slow(reason="a server of its own with a 3-second scan window, and a Chromium with a fake camera")
def test_a_sheet_left_open_past_the_window_drops_the_scan_and_says_so(start_server, camera_browser):
    server = start_server(SCAN_WINDOW_SECONDS=WINDOW)
    lead, nurse = login_session(server, "lead1"), login_session(server, "nurse1")
    resident = board_row(lead, server, 3)
    token = room_token(lead, server, resident["room"])
    before = check_uids(nurse, server)
    page = open_board(camera_browser(token).new_context(), server)

    page.click("#scan-open")
    page.wait_for_selector("#check-sheet[open] #presence-scanned.expired", timeout=30_000)
    assert page.inner_text("#sheet-name") == resident["display_name"]
    assert page.inner_text("#presence-scanned") == (
        "The scan was more than 3 seconds ago and no longer counts: "
        "record the check without it, or cancel and scan again"
    )
    page.click("#check-sheet [data-quick]")
    waiting(page, 0)
    assert page.locator("#refused-list li").count() == 0  # stored, not refused
    [check] = [e for uid, e in check_uids(nurse, server).items() if uid not in before]
    assert (check["resident_id"], check["data"]["presence"]["method"]) == (3, "tapped")


@pytest.mark.slow(reason="a server of its own with a 3-second scan window, and a Chromium with a fake camera")
def test_where_a_scan_is_required_an_expired_one_asks_again_for_a_scan_or_a_reason(start_server, camera_browser):
    server = start_server(SCAN_WINDOW_SECONDS=WINDOW)
    lead, nurse = login_session(server, "lead1"), login_session(server, "nurse1")
    resident = board_row(lead, server, 6)
    assert (
        lead.patch(
            f"{server.url}/api/v1/units/1", json={"scan_required_levels": [resident["observation_level"]]}
        ).status_code
        == 200
    )
    token = room_token(lead, server, resident["room"])
    before = check_uids(nurse, server)
    page = open_board(camera_browser(token).new_context(), server)

    page.click("#scan-open")
    page.wait_for_selector("#check-sheet[open] #presence-scanned.expired", timeout=30_000)
    assert page.inner_text("#presence-scanned").endswith("scan the code again, or give a reason")
    page.wait_for_selector("#check-sheet #scan-rule:not([hidden])")
    assert page.is_disabled("#check-sheet [data-quick]")
    page.click("#check-sheet [data-reason='Camera not working']")
    page.click("#check-sheet [data-quick]")
    waiting(page, 0)
    [check] = [e for uid, e in check_uids(nurse, server).items() if uid not in before]
    assert check["data"]["presence"] == {"method": "tapped", "reason": "Camera not working"}
