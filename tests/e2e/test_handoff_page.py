"""A lead opens the handoff in headless Chromium and acknowledges it."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from facility.handoff.jobs import build_due_handoffs
from facility.timeutil import parse_hhmm, shift_containing
from tests.conftest import MIDSHIFT, Clock
from tests.e2e.conftest import page_login

pytestmark = [pytest.mark.e2e, pytest.mark.page]


@pytest.fixture
def clock():
    """A fixed mid-shift instant, so which shifts have ended does not depend on when the suite runs."""
    return Clock.at(MIDSHIFT)


def test_lead_reads_the_handoff_and_acknowledges_it(demo, clock, start_server, browser):
    shift = shift_containing(
        clock.now, [parse_hhmm(t) for t in ("07:00", "15:00", "23:00")], ZoneInfo("America/New_York")
    )
    assert build_due_handoffs(demo, shift.end + timedelta(minutes=1)) == 2
    server = start_server()
    page = browser.new_page()
    page_login(page, server, "lead1")
    page.goto(server.url + "/handoffs")
    assert "not yet acknowledged" in page.inner_text(".handoff-list")
    page.click(".handoff-list a")
    page.wait_for_selector("#handoff")
    assert page.locator(".resident").count() == 12
    assert "North handoff" in page.inner_text("h1")
    page.fill("input[name=note]", "Read at 15:05")
    page.click("#ack-button")
    page.wait_for_selector("#ack-state")
    assert "Acknowledged by Lee Lawson" in page.inner_text("#ack-state")
    page.emulate_media(media="print")
    page.locator("header.top").wait_for(state="hidden")  # the print styles apply a moment after the switch


def test_the_lead_console_hears_handoff_ready_and_links_to_it(start_server, browser):
    from tests.e2e.conftest import login_session

    server = start_server()
    page = browser.new_page()
    page_login(page, server, "lead1", next_path="/alerts")
    page.wait_for_selector("#socket-status:text('live')")
    built = login_session(server, "lead1").post(server.url + "/api/v1/handoffs", json={"unit_id": 1})
    assert built.status_code == 201
    page.wait_for_selector("#handoff-ready:not([hidden])")
    assert page.get_attribute("#handoff-link", "href") == f"/handoffs/{built.json()['id']}"


def test_the_printed_handoff_of_a_thirteen_resident_unit_fits_two_pages_without_the_form(
    demo, clock, start_server, browser
):
    import re

    from tests.conftest import ApiClient, iso

    lead = ApiClient(demo, "lead1")
    admitted = lead.post(
        "/api/v1/residents",
        json={
            "unit_id": 1,
            "first_name": "Nora",
            "last_name": "Quist",
            "date_of_birth": "1990-04-02",
            "room": "N113",
            "admitted_at": iso(clock.now - timedelta(hours=3)),
            "observation_level": "q15",
            "precautions": ["self_harm"],
        },
    )
    assert admitted.status_code == 201, admitted.get_json()
    shift = shift_containing(
        clock.now, [parse_hhmm(t) for t in ("07:00", "15:00", "23:00")], ZoneInfo("America/New_York")
    )
    build_due_handoffs(demo, shift.end + timedelta(minutes=1))
    server = start_server()
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    page_login(page, server, "lead1")
    page.goto(server.url + "/handoffs")
    page.click(".handoff-list a")
    page.wait_for_selector("#handoff")
    assert page.locator(".resident").count() == 13
    page.emulate_media(media="print")
    page.locator("input[name=note]").wait_for(state="hidden")  # the print styles apply a moment after the switch
    page.locator("#ack-button").wait_for(state="hidden")
    pdf = page.pdf(format="Letter")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, pages
