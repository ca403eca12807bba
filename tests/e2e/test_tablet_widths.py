"""Every desk page fits an 800 px tablet: nothing wider than the screen, so no column of a table is cut off or
pushes the page sideways (a wide table scrolls inside its own frame instead) — in headless Chromium."""

import pytest

from tests.e2e.conftest import login_session
from tests.e2e.test_accessibility import tablet_page

pytestmark = [pytest.mark.e2e, pytest.mark.page]

PAGES = {
    "lead1": [
        "/handoffs/{handoff}",
        "/reports",
        "/reports/hbips",
        "/units/1/reports/transitions",
        "/reports/rounds?unit_id=1",
        "/units/1/assignments",
    ],
    "nurse1": ["/residents/1/mor", "/residents/1"],
    "casemanager1": ["/casework", "/residents/1/case"],
    "clinician1": ["/clinical", "/residents/1/plan"],
    "admin": ["/admin", "/admin/tokens", "/units/1/presence-codes"],
}

# How far each page reaches beyond the window (0 when it fits), and which element reaches furthest.
OVERFLOW = """() => {
  const width = window.innerWidth;
  let widest = null, right = 0;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    const clipped = el.closest('.table-wrap') && el.closest('.table-wrap') !== el;
    if (!clipped && r.width && r.right > right) { right = r.right; widest = el; }
  }
  const name = widest ? widest.tagName.toLowerCase() + (widest.id ? '#' + widest.id : '')
    + (widest.className && typeof widest.className === 'string' ? '.' + widest.className.split(' ')[0] : '') : '';
  return [document.documentElement.scrollWidth - width, Math.round(right - width), name];
}"""


@pytest.mark.slow(reason="sixteen desk pages opened by five roles on an 800 px tablet")
def test_no_desk_page_is_wider_than_an_800_px_tablet(start_server, browser):
    server = start_server()
    built = login_session(server, "lead1").post(server.url + "/api/v1/handoffs", json={"unit_id": 1})
    assert built.status_code in (200, 201), built.text
    too_wide = {}
    for username, paths in PAGES.items():
        page = None
        for path in paths:
            path = path.format(handoff=built.json()["id"])
            if page is None:
                page = tablet_page(browser, server, username, path)
            else:
                page.goto(server.url + path)
            page.wait_for_load_state("networkidle")
            assert page.locator("main").count() == 1, f"{path}: {page.inner_text('body')[:300]}"
            beyond, reach, widest = page.evaluate(OVERFLOW)
            if beyond > 0 or reach > 0:
                too_wide[path] = f"{max(beyond, reach)} px too wide ({widest})"
        page.context.close()
    assert too_wide == {}
