"""The rounds charts on /reports in Chromium: every date and figure under or beside a bar is drawn whole inside
its chart, on screen and printed (a date cut at the chart's edge reads as another one)."""

import pytest

from tests.e2e.conftest import page_login

pytestmark = [pytest.mark.e2e, pytest.mark.page]

CUT = """() => [...document.querySelectorAll('.bar-chart svg')].flatMap(svg => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')].filter(t => {
        const r = t.getBoundingClientRect();
        return r.left < box.left - 0.5 || r.right > box.right + 0.5
            || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5;
    }).map(t => t.textContent.trim());
})"""

# Dates (or shifts) under the bars that run into each other read as one: each must end before the next begins.
OVERLAP = """() => [...document.querySelectorAll('.bar-chart svg')].flatMap(svg => {
    const labels = [...svg.querySelectorAll('text.label')].map(t => [t.textContent.trim(), t.getBoundingClientRect()]);
    return labels.slice(1).filter(([, r], i) => r.left < labels[i][1].right + 2).map(([text]) => text);
})"""


@pytest.mark.parametrize("path", ["/reports", "/reports/rounds?unit_id=1"])
def test_each_label_of_the_rounds_charts_is_drawn_whole_on_screen_and_printed(start_server, browser, path):
    server = start_server()
    page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    page_login(page, server, "lead1", next_path=path)
    page.wait_for_selector(".bar-chart svg .label")
    page.wait_for_load_state("load")  # the charts' styles (their 9-px text) applied, as a reader sees them
    assert page.locator(".bar-chart svg .label").count() >= 2
    assert page.evaluate(CUT) == [] and page.evaluate(OVERLAP) == []
    page.emulate_media(media="print")
    page.locator("header.top").wait_for(state="hidden", timeout=5_000)
    assert page.evaluate(CUT) == [] and page.evaluate(OVERLAP) == []
