"""Issue 25 on a tablet: a case manager sends a referral through its steps from the case page, each tap stored."""

import uuid
from datetime import UTC, datetime

import pytest

from tests.e2e.alert_clients import ROOMY_LOGIN
from tests.e2e.conftest import login_session, page_login
from tests.e2e.test_accessibility import audit, axe_source, tablet_page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.page]

RESIDENT = 9
DESK = {"width": 1280, "height": 800}


def prepare(server, draft: bool = True) -> int | None:
    """casemanager1 manages the resident, a housing service is in the directory with the resident's consent on
    file, and (with `draft`) a referral to it is drafted: its id."""
    lead, nurse, cm = (login_session(server, name) for name in ("lead1", "nurse1", "casemanager1"))
    me = cm.get(f"{server.url}/api/v1/auth/me").json()["user"]["id"]
    assigned = lead.put(f"{server.url}/api/v1/residents/{RESIDENT}/case-manager", json={"user_id": me})
    assert assigned.status_code == 200, assigned.text
    resource = cm.post(
        f"{server.url}/api/v1/resources",
        json={"uid": str(uuid.uuid4()), "name": "Lighthouse Supported Housing", "service_types": ["housing"]},
    )
    assert resource.status_code == 201, resource.text
    consent = nurse.post(
        f"{server.url}/api/v1/residents/{RESIDENT}/consents",
        json={
            "uid": str(uuid.uuid4()),
            "contact_name": "Lighthouse Supported Housing",
            "relationship": "organisation",
            "scope": "treatment_information",
        },
    )
    assert consent.status_code == 201, consent.text
    if not draft:
        return None
    referral = cm.post(
        f"{server.url}/api/v1/referrals",
        json={
            "uid": str(uuid.uuid4()),
            "resident_id": RESIDENT,
            "resource_id": resource.json()["id"],
            "need": "housing",
            "reason": "Needs a supported flat to go home to",
            "consent_uid": consent.json()["uid"],
        },
    )
    assert referral.status_code == 201, referral.text
    return referral.json()["id"]


def tap(page, card, step, said=None):
    """Tap a step's button and wait until the card says the server stored it."""
    page.click(f"{card} button[data-step={step}]")
    page.wait_for_selector(f"{card} [data-role=message].stored:has-text('Stored ✓ — {said or step}')")
    page.wait_for_selector(f"{card}[data-status={step}]")


@pytest.mark.slow(reason="a browser drafts a referral, walks it through three steps and axe audits two pages")
def test_a_case_manager_refers_on_the_tablet_and_sends_the_referral_through_its_steps_each_tap_stored(
    start_server, browser, audit
):
    server = start_server(**ROOMY_LOGIN)
    prepare(server, draft=False)
    page = tablet_page(browser, server, "casemanager1", "/casework")
    page.wait_for_selector(f"#caseload [data-resident-id='{RESIDENT}']")
    assert audit(page) == []

    page.click(f"#caseload [data-resident-id='{RESIDENT}'] h2 a")
    page.wait_for_selector("#referral-form button[type=submit]:not([disabled])", state="attached")
    page.click("#refer summary")
    page.select_option("#refer-resource", label="Lighthouse Supported Housing (housing)")
    page.select_option("#refer-need", "housing")
    page.select_option("#refer-consent", label="Lighthouse Supported Housing")
    page.fill("#refer-reason", "Needs a supported flat to go home to")
    assert audit(page) == []
    page.click("#referral-form button[type=submit]")
    page.wait_for_selector("#case-flash:has-text('Stored ✓ — referral drafted')")
    referral_id = int(page.get_attribute("article.referral[data-status=draft]", "data-referral-id"))
    card = f"#referral-{referral_id}"
    page.wait_for_selector(f"{card} button[data-step=sent]:not([disabled])")
    assert audit(page) == []
    tap(page, card, "sent")
    assert "sent by Cass Manning" in page.inner_text(f"{card} [data-role=steps]")
    tap(page, card, "accepted")
    page.click(f"{card} button[data-step=completed]")  # no outcome chosen yet: refused on the page, nothing sent
    page.wait_for_selector(f"{card} [data-role=message].failed:has-text('Choose the outcome')")
    page.select_option(f"#outcome-{referral_id}", "need_met")
    tap(page, card, "completed", "completed (need met)")
    assert page.locator(f"{card} button[data-step]").count() == 0
    assert audit(page) == []

    cm = login_session(server, "casemanager1")
    stored = cm.get(f"{server.url}/api/v1/referrals/{referral_id}").json()
    assert (stored["resident_id"], stored["need"], stored["resource"]["name"]) == (
        RESIDENT,
        "housing",
        "Lighthouse Supported Housing",
    )
    assert [(s["status"], s["outcome"]) for s in stored["steps"]] == [
        ("sent", None),
        ("accepted", None),
        ("completed", "need_met"),
    ]
    page.reload()  # what the page showed is what the server holds
    page.wait_for_selector(f"{card}[data-status=completed]")
    steps = page.inner_text(f"{card} [data-role=steps]").splitlines()
    assert [line.split(" · ")[0] for line in steps] == [
        "drafted by Cass Manning",
        "sent by Cass Manning",
        "accepted by Cass Manning",
        "completed (need met) by Cass Manning",
    ]


def test_the_case_page_fits_a_desk_screen_and_marks_a_disagreement(start_server, browser, audit):
    server = start_server(**ROOMY_LOGIN)
    prepare(server)
    cm = login_session(server, "casemanager1")
    for rater, rating in (("resident", "met"), ("staff", "unmet")):
        body = {
            "uid": str(uuid.uuid4()),
            "occurred_at": datetime.now(UTC).isoformat(),
            "rater": rater,
            "ratings": {"housing": rating, "food": "met"},
        }
        assert cm.post(f"{server.url}/api/v1/residents/{RESIDENT}/needs", json=body).status_code == 201
    page = browser.new_context(viewport=DESK).new_page()
    page_login(page, server, "casemanager1", next_path=f"/residents/{RESIDENT}/case")
    page.wait_for_selector("#needs tr.differ[data-domain=housing]")
    assert page.locator("#needs tr.differ").count() == 1
    assert "they differ" in page.inner_text("#needs tr[data-domain=housing]")
    assert audit(page) == []


def test_the_demo_case_pages_show_the_appointment_and_the_discharge_plan_and_pass_axe(start_server, browser, audit):
    server = start_server(**ROOMY_LOGIN)
    page = tablet_page(browser, server, "casemanager1", "/residents/2/case")
    page.wait_for_selector("#appointments li:has-text('Dr Patel')")
    assert "escort needed" in page.inner_text("#appointments")
    assert audit(page) == []
    page.goto(f"{server.url}/residents/6/case")
    page.wait_for_selector("#discharge-plan")
    assert "Northgate Recovery Center" in page.inner_text("#discharge-plan")
    assert audit(page) == []
    page.goto(f"{server.url}/residents/2")
    page.wait_for_selector(".case-summary:has-text('Dr Patel')")
    assert audit(page) == []
    page.goto(f"{server.url}/units/1/reports/transitions")
    page.wait_for_selector("#transitions")
    assert audit(page) == []


def rate(page, rater, ratings):
    page.click("#assess summary")
    page.check(f"#needs-form input[name=rater][value={rater}]")
    for domain, rating in ratings.items():
        page.select_option(f"#rate-{domain}", rating)
    page.click("#needs-form button[type=submit]")
    page.wait_for_selector(f"#case-flash:has-text('Stored ✓ — needs rated by the {rater}')")


def test_a_case_manager_rates_needs_with_the_resident_then_as_staff_and_the_page_marks_where_they_differ(
    start_server, browser, audit
):
    server = start_server(**ROOMY_LOGIN)
    page = tablet_page(browser, server, "casemanager1", f"/residents/{RESIDENT}/case")
    page.wait_for_selector("#needs-form button[type=submit]:not([disabled])", state="attached")
    rate(page, "resident", {"housing": "met", "food": "unmet"})
    assert page.inner_text("#needs tr[data-domain=housing] td.rating >> nth=0") == "met"
    assert page.locator("#needs tr.differ").count() == 0
    rate(page, "staff", {"housing": "unmet", "food": "unmet"})
    page.wait_for_selector("#needs tr.differ[data-domain=housing]")
    assert page.locator("#needs tr.differ").count() == 1
    page.click("#assess summary")
    assert audit(page) == []


def test_a_refused_discharge_plan_names_the_aftercare_field_in_words(start_server, browser):
    server = start_server(**ROOMY_LOGIN)
    page = tablet_page(browser, server, "casemanager1", "/residents/6/case")
    page.click("#revise summary")
    page.fill("#plan-aftercare", "A")  # one letter: the server asks for two
    page.fill("#plan-aftercare-at", "2026-12-20T10:00")
    page.click("#plan-form button[type=submit]")
    message = page.locator("#plan-form [data-role=message]")
    message.wait_for(state="visible")
    page.wait_for_function("el => el.textContent.trim().length > 0", arg=message.element_handle())
    said = message.inner_text()
    assert "aftercare provider:" in said and "object Object" not in said, said
