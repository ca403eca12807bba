"""Issue 25's appointments on the floor, on a tablet: the demo's appointment of today is on the worker's board tile
and on the care page, and signing the resident out for it there links the outing (the case page says it was left
for)."""

import pytest

from tests.e2e.conftest import page_login
from tests.e2e.tablet import tile

pytestmark = [pytest.mark.e2e, pytest.mark.page]

TABLET = {"width": 800, "height": 1280}
RESIDENT = 7  # the demo books them Dr Okafor later today, with an escort


@pytest.mark.slow(reason="a browser reads the board, signs a resident out on the care page and opens the case page")
def test_the_demo_appointment_of_today_is_on_the_board_and_the_care_page_and_signing_out_for_it_links_it(
    start_server, browser
):
    server = start_server()
    page = browser.new_context(viewport=TABLET).new_page()
    page_login(page, server, "worker1", next_path="/units/1/rounds")
    line = tile(page, RESIDENT).locator(".today")
    line.wait_for()
    assert line.inner_text().startswith("Today ") and line.inner_text().endswith("Dr Okafor — escort")
    heights = page.eval_on_selector_all("#board .tile", "tiles => tiles.map(t => t.getBoundingClientRect().height)")
    assert max(heights) <= 300, heights

    page.goto(server.url + "/units/1/care")
    care_tile = page.locator(f'#residents .tile[data-resident-id="{RESIDENT}"]')
    care_tile.locator(".today:has-text('Dr Okafor — escort')").wait_for()
    care_tile.locator(".tile-main").click()
    page.click("#care-sheet [data-open=outing]")
    offered = page.locator("#outing-for button[data-appointment]")
    assert offered.count() == 1 and "Dr Okafor" in offered.inner_text()
    offered.click()
    assert page.input_value("#outing-destination").startswith("Appointment ")
    page.click("#outing-save")
    page.wait_for_selector('#queue-count[data-count="0"]')
    care_tile.locator(".today:has-text('Dr Okafor — left')").wait_for()

    desk = browser.new_context(viewport=TABLET).new_page()
    page_login(desk, server, "casemanager1", next_path=f"/residents/{RESIDENT}/case")
    desk.wait_for_selector("#appointments .left:has-text('left for it at')")
