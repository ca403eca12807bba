"""The tablet as a worker meets it: a resident in danger looks like it, every check shows it was stored and can be
undone, dangerous outcomes ask once, an ended session and refused records are said out loud."""

import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.conftest import end_session, login_session
from tests.e2e.tablet import check_uids, open_board, tile, two_tap_check, waiting

pytestmark = [pytest.mark.e2e, pytest.mark.page]


def most_urgent(page):
    """The resident on the first tile, whose check is the most overdue."""
    return int(page.locator("#board .tile").first.get_attribute("data-resident-id"))


def record_outcome(page, resident_id, outcome_selector):
    tile(page, resident_id).locator(".tile-main").click()
    page.click(f"#check-sheet {outcome_selector}")


def test_a_resident_who_cannot_be_found_stays_red_after_a_nurse_acknowledges_until_a_check_finds_them(
    start_server, browser
):
    server = start_server()
    page = open_board(browser.new_context(), server)
    record_outcome(page, 5, "[data-location=unable_to_locate]")
    assert page.is_visible("#confirm-danger") and "Raise a critical alert?" in page.inner_text("#confirm-danger")
    page.click("#confirm-yes")
    waiting(page, 0)

    missing = tile(page, 5)
    page.wait_for_selector('#board .tile[data-resident-id="5"] .alarm:has-text("Missing since")')
    assert missing.get_attribute("data-status") == "alarm" and "due in" not in missing.inner_text()
    page.reload()  # what the server says, not only what this tablet remembers
    page.wait_for_selector('#board .tile[data-resident-id="5"][data-status=alarm]')
    assert "Missing since" in tile(page, 5).locator(".alarm").inner_text()
    assert page.locator("#board .tile").first.get_attribute("data-resident-id") == "5"

    nurse = login_session(server, "nurse1")
    [alert] = [
        a
        for a in nurse.get(server.url + "/api/v1/alerts?status=open").json()["items"]
        if a["kind"] == "resident_missing"
    ]
    assert nurse.post(f"{server.url}/api/v1/alerts/{alert['id']}/ack", json={}).status_code == 200
    page.reload()
    page.wait_for_selector("#board .tile")
    assert tile(page, 5).get_attribute("data-status") == "alarm"  # acknowledged, and still nobody has seen them
    two_tap_check(page, 5)
    page.wait_for_selector('#board .tile[data-resident-id="5"][data-status=ok]')


@pytest.mark.parametrize(
    "outcome,words",
    [
        ('[data-state=asleep][data-breathing="false"]', "Breathing NOT seen"),
        ("[data-state=self_harm_behavior]", "Self-harm behaviour"),
    ],
)
def test_a_dangerous_outcome_asks_once_and_going_back_records_nothing(start_server, browser, outcome, words):
    server = start_server()
    nurse = login_session(server, "nurse1")
    before = check_uids(nurse, server)
    page = open_board(browser.new_context(), server)
    record_outcome(page, 3, outcome)
    assert page.inner_text("#confirm-what").startswith(f"{words}: ")
    page.click("#confirm-back")
    assert page.is_hidden("#confirm-danger") and page.is_visible("#check-sheet [data-quick]")
    page.click("#check-sheet [data-cancel]")
    assert check_uids(nurse, server) == before and page.is_hidden("#saved")

    record_outcome(page, 3, outcome)
    page.click("#confirm-yes")
    waiting(page, 0)
    page.wait_for_selector('#board .tile[data-resident-id="3"][data-status=alarm]')
    assert len(check_uids(nurse, server)) == len(before) + 1


def test_a_check_turns_the_tile_at_once_says_saved_and_undo_withdraws_it(start_server, browser):
    server = start_server()
    nurse = login_session(server, "nurse1")
    before = check_uids(nurse, server)
    page = open_board(browser.new_context(), server)
    resident_id = most_urgent(page)
    assert tile(page, resident_id).get_attribute("data-status") in ("overdue", "due")

    two_tap_check(page, resident_id)
    assert tile(page, resident_id).get_attribute("data-status") == "ok"
    waiting(page, 0)
    page.wait_for_selector("#saved-text:has-text('Saved')")
    [check] = [
        e for e in check_uids(nurse, server).values() if e["resident_id"] == resident_id and e["uid"] not in before
    ]
    made = datetime.fromisoformat(check["occurred_at"]).astimezone(ZoneInfo("America/New_York"))
    assert f"Saved {made:%H:%M}" in page.inner_text("#saved-text")  # facility time, 24-hour
    page.wait_for_timeout(1500)  # the answer came back and the board was read again: still checked
    assert tile(page, resident_id).get_attribute("data-status") == "ok"
    assert "due in" in tile(page, resident_id).inner_text()

    page.click("#undo")
    page.wait_for_selector("#saved-text:has-text('Undone')")
    page.wait_for_selector(f'#board .tile[data-resident-id="{resident_id}"]:not([data-status=ok])')
    voided = [e for e in check_uids(nurse, server).values() if e["resident_id"] == resident_id and not e["effective"]]
    assert len(voided) == 1


@pytest.mark.slow(reason="watches the undo offer for its whole ten seconds")
def test_the_undo_offer_lasts_ten_seconds(start_server, browser):
    server = start_server()
    page = open_board(browser.new_context(), server)
    two_tap_check(page, most_urgent(page))
    assert page.is_visible("#undo")
    page.wait_for_selector("#saved", state="hidden", timeout=12000)


def test_log_in_again_shows_only_when_the_session_is_gone_and_checks_wait(start_server, browser):
    server = start_server()
    nurse = login_session(server, "nurse1")
    before = check_uids(nurse, server)
    context = browser.new_context()
    page = open_board(context, server)
    assert page.is_hidden("#relogin")

    end_session(page, context)
    two_tap_check(page, 2)
    page.wait_for_selector("#relogin", state="visible")
    assert "Log in again to send" in page.inner_text("#relogin")
    waiting(page, 1)

    page.click("#relogin")
    page.fill("input[name=username]", "worker1")
    page.fill("input[name=password]", "facility-demo")
    page.click("button[type=submit]")
    page.wait_for_selector("#board .tile")
    waiting(page, 0)
    assert page.is_hidden("#relogin")
    new = [e for uid, e in check_uids(nurse, server).items() if uid not in before]
    assert [e["resident_id"] for e in new] == [2]


def test_a_check_the_server_refuses_is_shown_with_its_reason_and_can_be_discarded(start_server, browser):
    server = start_server()
    page = open_board(browser.new_context(), server)
    lead = login_session(server, "lead1")
    discharge = {"uid": str(uuid.uuid4()), "occurred_at": datetime.now(UTC).isoformat()}
    assert lead.post(server.url + "/api/v1/residents/7/discharge", json=discharge).status_code == 200

    two_tap_check(page, 7)  # the board on the tablet still shows the resident
    page.wait_for_selector("#refused", state="visible")
    waiting(page, 0)
    assert "discharged" in page.inner_text("#refused-list")
    assert "Not stored" in page.inner_text("#saved") and "Saved" not in page.inner_text("#saved")
    page.wait_for_selector('#board .tile[data-resident-id="7"]', state="detached")  # the board is read again
    page.click("#refused-list button.discard")
    page.wait_for_selector("#refused", state="hidden")
    page.reload()
    page.wait_for_selector("#board .tile")
    assert page.is_hidden("#refused")


def test_a_refused_check_of_a_resident_still_on_the_board_is_fixed_by_checking_again(start_server, browser):
    server = start_server()
    nurse = login_session(server, "nurse1")
    before = check_uids(nurse, server)
    context = browser.new_context()
    page = open_board(context, server)
    refused = {
        "type": "rounds.check",
        "label": "Ben O. · N102",
        "status": 422,
        "reason": "state: not a valid state",
        "body": {
            "uid": str(uuid.uuid4()),
            "resident_id": 2,
            "occurred_at": datetime.now(UTC).isoformat(),
            "location": "own_room",
            "state": "dozing",
        },
    }
    page.evaluate(
        "([key, item]) => localStorage.setItem(key, JSON.stringify([item]))", ["facility.outbox.2.refused", refused]
    )  # as an older version of the tablet left it
    page.reload()
    page.wait_for_selector("#refused-list li:has-text('not a valid state')")
    page.click("#refused-list button.fix")
    page.click("#check-sheet [data-quick]")
    page.wait_for_selector("#refused", state="hidden")
    waiting(page, 0)
    new = [e for uid, e in check_uids(nurse, server).items() if uid not in before]
    assert [(e["resident_id"], e["data"]["state"]) for e in new] == [(2, "awake_calm")]
