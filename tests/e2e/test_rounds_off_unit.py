"""A resident out with an escort on the tablet board: said so on their tile, last, never red for a check."""

import pytest

from tests.e2e.tablet import open_board, tile

pytestmark = [pytest.mark.e2e, pytest.mark.page]

OUT_WITH_ESCORT = 11  # the demo signs North's eleventh resident out to the library with worker1


def test_the_resident_out_with_an_escort_has_a_tile_saying_so_at_the_end_of_the_board(start_server, browser):
    server = start_server()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = open_board(context, server)
    away = tile(page, OUT_WITH_ESCORT)
    assert away.get_attribute("data-status") == "away"
    assert "Off the unit with escort: outing: community library" in away.inner_text()
    assert "overdue" not in away.inner_text()
    assert page.locator("#board .tile").last.get_attribute("data-resident-id") == str(OUT_WITH_ESCORT)
    context.close()
