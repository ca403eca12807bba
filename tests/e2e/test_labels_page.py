"""The labels page in Chromium: the admin sets the unit's scan policy and replaces a lost label."""
import pytest

from tests.e2e.conftest import login_session, page_login

pytestmark = [pytest.mark.e2e, pytest.mark.page]


def test_the_admin_sets_the_scan_policy_and_replaces_a_lost_label(start_server, browser):
    server = start_server()
    page = browser.new_context(viewport={"width": 800, "height": 1280}).new_page()
    page_login(page, server, "admin", next_path="/units/1/presence-codes")
    room = page.locator('.label-room[data-room="N104"]')
    old = room.get_attribute("data-token")

    page.check('#scan-policy input[value="q5"]')
    page.click("#scan-policy button[type=submit]")
    page.wait_for_selector("#labels-message:has-text('checks at q5 must be scanned')")
    units = login_session(server, "worker1").get(server.url + "/api/v1/units").json()
    assert units[0]["scan_required_levels"] == ["q5"]

    room.locator("[data-rotate]").click()
    page.click("#confirm-dialog button[value=yes]")
    page.wait_for_selector(f'.label-room[data-room="N104"]:not([data-token="{old}"])')
    new = page.locator('.label-room[data-room="N104"]').get_attribute("data-token")
    page.wait_for_selector("#labels-message:has-text('Replaced: the new label of room N104')")
    worker = login_session(server, "worker1")
    assert worker.get(f"{server.url}/api/v1/presence-codes/{old}").status_code == 410
    assert [r["id"] for r in worker.get(f"{server.url}/api/v1/presence-codes/{new}").json()["residents"]] == [4]
