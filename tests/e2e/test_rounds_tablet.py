"""The tablet page in headless Chromium: two-tap checks, offline queue, reload, and exactly-once delivery."""

import pytest

from tests.e2e.conftest import login_session
from tests.e2e.tablet import check_uids, go_offline, go_online, open_board, two_tap_check, waiting

pytestmark = [pytest.mark.e2e, pytest.mark.page]


@pytest.mark.slow(reason="takes the server off the network and starts it again")
def test_checks_made_offline_survive_a_reload_and_reach_the_server_exactly_once(start_server, browser):
    server = start_server()
    nurse = login_session(server, "nurse1")
    before = check_uids(nurse, server)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = open_board(context, server)

    two_tap_check(page, 1)
    waiting(page, 0)
    assert len(check_uids(nurse, server)) == len(before) + 1

    page.wait_for_function("navigator.serviceWorker.controller !== null")  # the board is kept for offline use
    page.wait_for_function(
        "caches.open('facility-tablet-v1').then((c) => c.match('/api/v1/units/1/board')).then((hit) => Boolean(hit))"
    )
    go_offline(context, server)
    for resident_id in (2, 3, 4):
        two_tap_check(page, resident_id)
    waiting(page, 3)
    assert "3 waiting" in page.inner_text("#queue-count")
    page.reload()  # no network: the service worker opens the board from its cache, the queue is still there
    page.wait_for_selector("#board .tile")
    waiting(page, 3)
    assert page.locator("#board .tile").count() == 12
    go_online(context, server)
    waiting(page, 0)

    new = [e for uid, e in check_uids(nurse, server).items() if uid not in before]
    assert sorted(e["resident_id"] for e in new) == [1, 2, 3, 4]
    assert all(e["data"]["state"] == "awake_calm" and e["data"]["location"] == "own_room" for e in new)
    context.close()


def test_night_mode_records_asleep_with_breathing_in_one_tap_per_resident(start_server, browser):
    server = start_server()
    nurse = login_session(server, "nurse1")
    before = check_uids(nurse, server)
    page = open_board(browser.new_context(), server)
    page.click("#night-toggle")
    for resident_id in (5, 6):
        page.click(f'#board .tile[data-resident-id="{resident_id}"] .night-check')
    waiting(page, 0)
    new = [e for uid, e in check_uids(nurse, server).items() if uid not in before]
    assert sorted((e["resident_id"], e["data"]["state"], e["data"]["breathing_observed"]) for e in new) == [
        (5, "asleep", True),
        (6, "asleep", True),
    ]
