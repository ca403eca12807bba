"""The treatment plan on the tablet: its author signs a draft with the resident's participation and it is in force;
nurses read the plan and sign nothing."""

import uuid
from datetime import UTC, datetime

import pytest

from tests.e2e.conftest import login_session
from tests.e2e.test_accessibility import audit, axe_source, tablet_page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.page]

RESIDENT = 1  # first on North: the demo has a plan in force for them (version 1)


def draft_body():
    return {
        "uid": str(uuid.uuid4()),
        "occurred_at": datetime.now(UTC).isoformat(),
        "problems": [{"key": "p1", "text": "Depressed mood with poor sleep"}],
        "goals": [{"key": "g1", "problem": "p1", "text": "I want to sleep through the night"}],
        "objectives": [
            {"key": "o1", "goal": "g1", "text": "In bed by 23:00 on 5 nights of 7", "target_date": "2027-01-15"}
        ],
        "interventions": [
            {"objective": "o1", "modality": "cbt", "frequency": "twice a week", "responsible_role": "clinician"}
        ],
    }


def test_the_author_signs_a_draft_on_the_tablet_and_a_nurse_sees_no_sign_form(start_server, browser, audit):
    server = start_server()
    clinician = login_session(server, "clinician1")
    answer = clinician.post(f"{server.url}/api/v1/residents/{RESIDENT}/plans", json=draft_body())
    assert answer.status_code == 201, answer.text
    draft = answer.json()

    nurse = tablet_page(browser, server, "nurse1", f"/residents/{RESIDENT}/plan")
    nurse.wait_for_selector("#plan-status.in_force")
    assert nurse.locator("#plan-sign").count() == 0
    nurse.context.close()

    page = tablet_page(browser, server, "clinician1", f"/residents/{RESIDENT}/plan")
    page.wait_for_selector("#plan-status.draft")
    assert f"Version {draft['version']}" in page.inner_text("#plan-status")
    assert "I want to sleep through the night" in page.inner_text("#plan")
    page.wait_for_selector("#plan-sign button:enabled")
    assert audit(page) == []
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.click("#plan-sign button")  # no participation chosen: named, nothing sent
    page.locator("#plan-sign .message.failed:has-text('resident participation')").wait_for()
    page.check("#plan-sign input[value='declined_to_sign']")
    page.click("#plan-sign button")
    page.locator("#plan-flash:has-text('Signed ✓ — in force')").wait_for()
    assert "in force since" in page.inner_text("#plan-status")
    assert page.locator("#plan-sign").count() == 0

    page.reload()
    page.wait_for_selector("#plan-status.in_force")
    assert f"Version {draft['version']}" in page.inner_text("#plan-status")
    assert "declined to sign" in page.inner_text(".signature-block")
    assert errors == []

    stored = clinician.get(f"{server.url}/api/v1/residents/{RESIDENT}/plan").json()
    assert (stored["id"], stored["status"], stored["resident_participation"]) == (
        draft["id"],
        "in_force",
        "declined_to_sign",
    )


def test_a_clinician_writes_a_first_version_row_by_row_and_a_refusal_names_the_field(start_server, browser, audit):
    server = start_server()
    page = tablet_page(browser, server, "clinician1", "/residents/2/plan")  # Ben O.: no plan in the demo
    page.wait_for_selector("#plan-none")
    page.click("#plan-new")
    page.wait_for_selector("#plan-write-submit:enabled")
    assert audit(page) == []
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.fill("[data-part=problems] [data-field=text]", "Anxiety that keeps him from groups")
    page.fill("[data-part=goals] [data-field=text]", "I want to sit through a whole group")
    page.fill("[data-part=objectives] [data-field=text]", "Attends one group a day for 20 minutes")
    page.fill("[data-part=interventions] [data-field=frequency]", "weekly")
    page.select_option("[data-part=interventions] [data-field=modality]", "psychoeducation")
    page.click("button[data-add=goals]")  # a second goal, then taken away again
    assert page.locator("[data-part=goals] .plan-row").count() == 2
    page.click("[data-part=goals] .plan-row:nth-of-type(2) .remove-row")
    assert page.locator("[data-part=goals] .plan-row").count() == 1

    page.click("#plan-write-submit")  # no target date for the objective
    refusal = page.locator("#plan-write .message.failed")
    refusal.wait_for()
    assert "objectives (item 1) target date" in refusal.inner_text()
    assert page.evaluate("document.activeElement.dataset.field") == "target_date"
    assert audit(page) == []

    page.fill("[data-part=objectives] [data-field=target_date]", "2027-02-01")
    page.click("#plan-write-submit")
    page.locator("#plan-flash:has-text('Stored ✓ — version 1, a draft')").wait_for()
    page.wait_for_selector("#plan-status.draft")
    assert "I want to sit through a whole group" in page.inner_text("#plan")
    assert "psychoeducation, weekly (clinician)" in page.inner_text("#plan")
    assert page.is_visible("#plan-sign") and errors == []

    stored = login_session(server, "clinician1").get(f"{server.url}/api/v1/residents/2/plan")
    assert stored.status_code == 404  # a draft, not yet in force
