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


def test_the_printed_sheet_is_the_labels_alone_twelve_to_a_letter_page(start_server, browser):
    server = start_server()
    page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    page_login(page, server, "lead1", next_path="/units/1/presence-codes")
    page.wait_for_selector(".label-sheet .label")
    labels = page.locator(".label").count()
    assert page.locator("header.top").is_visible() and page.locator("#scan-policy").is_visible()

    page.emulate_media(media="print")
    for around in ("header.top", "h1", "#scan-policy", "#print-labels", ".labels-page > p.no-print"):
        # nothing prints but the labels (the print styles may take a moment to apply on a loaded machine)
        page.locator(around).first.wait_for(state="hidden", timeout=5_000)
    first = page.locator(".label").first.bounding_box()
    assert abs(first["width"] - 192) < 2 and abs(first["height"] - 192) < 2  # 2 in at 96 px an inch
    assert page.locator(".label").first.locator("svg").is_visible()

    pdf = page.pdf(format="Letter", prefer_css_page_size=True)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages == -(-labels // 12)  # one sheet of twelve after another, no page of nav or instructions


def test_each_code_prints_whole_on_its_label_and_on_screen(start_server, browser):
    """A code cut at its edge does not scan: the whole symbol (its quiet zone included) is drawn inside the box
    the label gives it, on paper as on screen."""
    server = start_server()
    page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    page_login(page, server, "admin", next_path="/units/1/presence-codes")
    page.wait_for_selector(".label-sheet .label svg")
    outside = """() => [...document.querySelectorAll('.label svg')].filter(svg => {
        const box = svg.getBoundingClientRect(), drawn = svg.querySelector('path').getBoundingClientRect();
        return drawn.right > box.right + 0.5 || drawn.bottom > box.bottom + 0.5
            || drawn.width < box.width * 0.7;  // the symbol fills its box (scaled, not cut or shrunk)
    }).length"""
    assert page.evaluate(outside) == 0
    page.emulate_media(media="print")
    page.locator("header.top").wait_for(state="hidden", timeout=5_000)
    assert page.evaluate(outside) == 0
    assert "each room label each room label" not in page.content()
