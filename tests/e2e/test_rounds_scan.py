"""Validated rounds on the tablet: a room's QR code read by the camera opens the check sheet, and a resident whose
level requires a scan is checked only with a scan or a reason."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.e2e.conftest import login_session
from tests.e2e.tablet import check_uids, go_offline, go_online, open_board, tile, two_tap_check, waiting

pytestmark = [pytest.mark.e2e, pytest.mark.page]


def board_row(http, server, resident_id):
    rows = http.get(f"{server.url}/api/v1/units/1/board").json()["residents"]
    return next(r for r in rows if r["id"] == resident_id)


def room_token(http, server, room):
    codes = http.get(f"{server.url}/api/v1/units/1/presence-codes")
    codes.raise_for_status()
    return next(c["token"] for c in codes.json() if c["kind"] == "room" and c["room"] == room)


def new_checks(http, server, before):
    return [e for uid, e in check_uids(http, server).items() if uid not in before]


@pytest.mark.slow(reason="launches a Chromium of its own with a fake camera showing the code")
def test_a_scanned_room_code_opens_the_residents_sheet_and_one_tap_records_a_scanned_check(
    start_server, camera_browser
):
    server = start_server()
    lead, nurse, admin = (login_session(server, name) for name in ("lead1", "nurse1", "admin"))
    resident = board_row(lead, server, 3)
    token = room_token(lead, server, resident["room"])
    before = check_uids(nurse, server)
    page = open_board(camera_browser(token).new_context(), server)

    page.click("#scan-open")
    page.wait_for_selector("#check-sheet[open] #presence-scanned:not([hidden])")  # the sheet opens by itself
    assert page.inner_text("#sheet-name") == resident["display_name"]
    assert page.inner_text("#presence-scanned") == f"Scanned ✓ (room {resident['room']})"
    assert page.evaluate("document.getElementById('scan-video').srcObject === null")  # the camera is off again
    page.click("#check-sheet [data-quick]")
    waiting(page, 0)

    checks = new_checks(nurse, server, before)
    assert [(e["resident_id"], e["data"]["presence"]["method"], e["data"]["presence"]["kind"]) for e in checks] == [
        (3, "scanned", "room")
    ]

    # A lost label is replaced: the old code now says so on the screen, and records nothing.
    assert admin.post(f"{server.url}/api/v1/presence-codes/{token}/rotate").status_code == 201
    page.click("#scan-open")
    page.wait_for_selector("#scan-problem:not([hidden])")
    assert "replaced" in page.inner_text("#scan-problem")
    assert page.locator("#check-sheet[open]").count() == 0
    page.click("#scan-close")
    page.wait_for_function("() => document.getElementById('scan-video').srcObject === null")
    assert len(new_checks(nurse, server, before)) == 1


def test_a_resident_whose_level_requires_a_scan_is_checked_only_with_a_scan_or_a_reason(start_server, browser):
    server = start_server()
    lead, nurse = login_session(server, "lead1"), login_session(server, "nurse1")
    assert board_row(lead, server, 6)["observation_level"] == "q5"
    before = check_uids(nurse, server)
    page = open_board(browser.new_context(), server)

    # The policy changes after the board was read: a bare tap is refused by the server, and the tablet says why.
    assert lead.patch(f"{server.url}/api/v1/units/1", json={"scan_required_levels": ["q5"]}).status_code == 200
    two_tap_check(page, 6)
    page.wait_for_selector("#refused-list li .reason")
    assert "scan" in page.inner_text("#refused-list li .reason").lower()
    page.click("#refused-list li .discard")

    page.reload()
    page.wait_for_selector("#board .tile")
    tile(page, 6).locator(".tile-main").click()
    page.wait_for_selector("#check-sheet[open] #scan-rule:not([hidden])")
    assert page.inner_text("#scan-rule-text").startswith("Scan required (q5)")
    assert page.is_disabled("#check-sheet [data-quick]")
    page.click("#check-sheet [data-reason='Code missing or damaged']")
    page.click("#check-sheet [data-quick]")
    waiting(page, 0)

    # Night mode's one tap does not record a bare check for this resident: it opens the sheet.
    page.click("#night-toggle")
    tile(page, 6).locator(".night-check").click()
    page.wait_for_selector("#check-sheet[open] #scan-rule:not([hidden])")
    page.click("#check-sheet [data-cancel]")
    waiting(page, 0)

    # A missing resident is never held up for a label: "Unable to locate" stays open, and says why there was no scan.
    tile(page, 6).locator(".tile-main").click()
    page.wait_for_selector("#check-sheet[open] #scan-rule:not([hidden])")
    assert page.is_disabled("#check-sheet [data-quick]")
    page.click("#check-sheet [data-location=unable_to_locate]")
    page.click("#confirm-yes")
    waiting(page, 0)

    checks = sorted(new_checks(nurse, server, before), key=lambda e: e["occurred_at"])
    assert [(e["resident_id"], e["data"]["presence"]["method"], e["data"]["presence"]["reason"]) for e in checks] == [
        (6, "tapped", "Code missing or damaged"),
        (6, "tapped", "Unable to locate: emergency, no scan"),
    ]


@pytest.mark.slow(reason="takes the server off the network and starts it again")
def test_a_code_scanned_offline_that_the_tablet_never_read_queues_the_check_with_it_for_the_server_to_judge(
    start_server, camera_browser
):
    server = start_server()
    lead, nurse = login_session(server, "lead1"), login_session(server, "nurse1")
    resident = board_row(lead, server, 4)
    token = room_token(lead, server, resident["room"])
    before = check_uids(nurse, server)
    context = camera_browser(token).new_context()
    page = open_board(context, server)
    page.wait_for_function("() => Boolean(window.jsQR)")  # the page loads the decoder it needs up front

    go_offline(context, server)
    page.click("#scan-open")
    page.click(f'#scan-choices [data-resident-id="{resident["id"]}"]')  # offline: the worker says who it was
    page.wait_for_selector("#check-sheet[open] #presence-scanned:not([hidden])")
    assert page.inner_text("#sheet-name") == resident["display_name"]
    page.click("#check-sheet [data-quick]")
    waiting(page, 1)
    go_online(context, server)
    waiting(page, 0)

    checks = new_checks(nurse, server, before)
    assert [(e["resident_id"], e["data"]["presence"]["method"], e["data"]["presence"]["kind"]) for e in checks] == [
        (4, "scanned", "room")
    ]


@pytest.mark.slow(reason="launches a Chromium of its own with a fake camera showing the code")
def test_a_shared_rooms_code_offers_both_residents_and_records_the_check_of_the_one_picked(
    start_server, camera_browser
):
    server = start_server()
    lead, nurse = login_session(server, "lead1"), login_session(server, "nurse1")
    first = board_row(lead, server, 2)
    admitted = lead.post(
        f"{server.url}/api/v1/residents",
        json={
            "unit_id": 1,
            "first_name": "Mo",
            "last_name": "Quint",
            "date_of_birth": "1980-03-04",
            "room": first["room"],
            "admitted_at": (datetime.now(UTC) - timedelta(hours=1)).isoformat(),
            "observation_level": "q30",
        },
    )
    assert admitted.status_code == 201, admitted.text
    second = admitted.json()["id"]
    token = room_token(lead, server, first["room"])
    before = check_uids(nurse, server)
    page = open_board(camera_browser(token).new_context(), server)

    page.click("#scan-open")
    page.wait_for_selector(f'#scan-choices [data-resident-id="{second}"]')
    offered = [int(b.get_attribute("data-resident-id")) for b in page.locator("#scan-choices button").all()]
    assert sorted(offered) == sorted([2, second])
    page.click(f'#scan-choices [data-resident-id="{second}"]')
    page.wait_for_selector("#check-sheet[open] #presence-scanned:not([hidden])")
    assert page.inner_text("#presence-scanned") == f"Scanned ✓ (room {first['room']})"
    page.click("#check-sheet [data-quick]")
    waiting(page, 0)

    checks = new_checks(nurse, server, before)
    assert [(e["resident_id"], e["data"]["presence"]["method"]) for e in checks] == [(second, "scanned")]


def test_a_tablet_without_a_camera_says_how_to_check_without_a_scan(start_server, browser):
    """No camera (the suite's Chromium has none): the dialog says what the worker can do on this board — tap the
    resident — not to give a reason on a sheet that has no reason field unless the unit asks for scans."""
    server = start_server()
    page = open_board(browser, server)
    page.click("#scan-open")
    page.wait_for_selector("#scan-problem:not([hidden])")
    problem = page.inner_text("#scan-problem")
    assert problem.startswith("The camera could not be opened")
    assert "tap the resident on the board" in problem and "give a reason on the sheet" not in problem
