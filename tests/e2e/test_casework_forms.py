"""Issue 25's case page forms on a tablet: booking an appointment, revising the discharge plan with its checklist and
recording a follow-up after discharge, each save saying it was stored, the page passing axe."""

import uuid
from datetime import UTC, datetime

import pytest

from tests.e2e.alert_clients import ROOMY_LOGIN
from tests.e2e.conftest import login_session
from tests.e2e.test_accessibility import audit, axe_source, tablet_page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.page]

PLANNED = 6  # the demo plans their discharge, with aftercare booked
DISCHARGED = 9


def stored(page, words):
    page.wait_for_selector(f"#case-flash:has-text('Stored ✓ — {words}')")


@pytest.mark.slow(reason="a browser books, revises a plan and records a follow-up, axe auditing each form")
def test_a_case_manager_books_an_appointment_revises_the_plan_and_records_a_follow_up_each_save_stored(
    start_server, browser, audit
):
    server = start_server(**ROOMY_LOGIN)
    page = tablet_page(browser, server, "casemanager1", f"/residents/{PLANNED}/case")
    page.wait_for_selector("#appointment-form button[type=submit]:not([disabled])", state="attached")

    page.click("#book summary")
    page.fill("#appt-when", "2031-03-12T15:30")
    page.fill("#appt-provider", "Dr Reyes")
    page.fill("#appt-place", "Eastside Clinic, 5 Elm Row")
    page.check("#appointment-form input[name=escort_needed]")
    assert audit(page) == []
    page.click("#appointment-form button[type=submit]")
    stored(page, "appointment with Dr Reyes booked for Wed 12 Mar 15:30")
    line = page.inner_text("#appointments li:has-text('Dr Reyes')")
    assert "Wed 12 Mar 15:30" in line and "escort needed" in line and "transport" not in line

    page.click("#revise summary")
    assert page.input_value("#plan-aftercare") == "Northgate Recovery Center"  # the plan in force, to revise
    assert not page.is_checked("#plan-form input[name=medications_arranged]")
    page.check("#plan-form input[name=medications_arranged]")
    page.fill("#plan-destination", "Lighthouse Supported Housing, flat 4")
    assert audit(page) == []
    page.click("#plan-form button[type=submit]")
    stored(page, "discharge plan revision 2")
    plan = page.inner_text("#discharge-plan")
    assert "revision 2" in plan and "flat 4" in plan and "✓ medications arranged" in plan
    assert "✗ crisis plan given (to do)" in plan

    page.click("#revise summary")  # an aftercare provider without a time is caught on the page
    page.fill("#plan-aftercare-at", "")
    page.click("#plan-form button[type=submit]")
    page.wait_for_selector("#plan-form [data-role=message].failed:has-text('both whom it is with and when')")

    lead = login_session(server, "lead1")
    left = {"uid": str(uuid.uuid4()), "occurred_at": datetime.now(UTC).isoformat()}
    assert lead.post(f"{server.url}/api/v1/residents/{DISCHARGED}/discharge", json=left).status_code == 200
    page.goto(f"{server.url}/residents/{DISCHARGED}/case")
    page.wait_for_selector("#follow-up-form button[type=submit]:not([disabled])", state="attached")
    assert "No follow-up yet." in page.inner_text("#follow-ups")
    page.click("#follow summary")
    page.check("#follow-up-form input[name=kind][value=contact_made]")
    page.fill("#follow-note", "Settling in; has the clinic's number")
    assert audit(page) == []
    page.click("#follow-up-form button[type=submit]")
    stored(page, "follow-up: contact made")
    assert "contact made — Settling in" in page.inner_text("#follow-ups")
    assert audit(page) == []
