"""Issue 12's 'done when', on the tablet: a worker files an incident with a physical hold on the form and the
nurse console is alerted at once; a report typed when the session ends is kept and sent after logging in again."""

import pytest

from tests.e2e.alert_clients import ROOMY_LOGIN, Console
from tests.e2e.conftest import end_session, login_session, page_login
from tests.e2e.test_accessibility import audit, axe_source, tablet_page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.page]

FORM = "/incidents/new?unit_id=1"


def tap(page, name, value):
    """Tap the chip of a choice, as a finger would (the label, not the small box inside it)."""
    page.click(f"label.chip:has(input[name={name}][value='{value}'])")


def fill_report(page, narrative="Ana pushed a peer in the dayroom; held until calm."):
    # The page's script starts a fresh form (form.reset()) once loaded: taps made before that would be wiped.
    page.wait_for_selector("#incident-form[data-ready=yes]")
    tap(page, "resident_ids", 1)
    tap(page, "location", "dayroom")
    tap(page, "category", "physical_aggression_peer")
    tap(page, "severity", "moderate")
    # Tapped most restrictive first: the report still lists them least restrictive first.
    tap(page, "interventions", "physical_hold")
    tap(page, "interventions", "verbal_deescalation")
    page.fill("#behavior", "Shouted, then pushed a peer twice.")
    page.fill("#narrative", narrative)
    page.click("#add-notification")
    page.select_option("#notifications li select[name=notify_whom]", "physician")


def stored_reports(server):
    nurse = login_session(server, "nurse1")
    return nurse.get(server.url + "/api/v1/incidents", params={"unit_id": 1}).json()["items"]


def test_a_worker_files_a_physical_hold_on_the_tablet_and_the_nurse_is_alerted_at_once(start_server, browser, audit):
    server = start_server(**ROOMY_LOGIN)
    console = Console(server, "nurse1").connect()
    page = tablet_page(browser, server, "worker1", FORM)
    page.wait_for_selector("#incident-form")
    assert audit(page) == []
    chip = page.locator("label.chip:has(input[name=interventions][value=physical_hold])").bounding_box()
    assert chip["height"] >= 44
    fill_report(page)
    page.click("#submit-report")
    page.wait_for_selector("#done:has-text('Report submitted')", timeout=20000)
    [report] = stored_reports(server)
    assert report["status"] == "submitted"
    assert report["interventions"] == ["verbal_deescalation", "physical_hold"]
    assert [r["id"] for r in report["residents"]] == [1]
    assert report["notifications"][0]["whom"] == "physician"
    alert = console.wait_for("alert", lambda body: body["kind"] == "incident_submitted")
    assert alert["severity"] == "critical"  # a restrictive intervention makes it critical
    console.disconnect()
    # The submitted report left the tablet; the form is empty for the next one.
    assert report["uid"] not in page.evaluate("Object.keys(localStorage).join(' ')")
    assert page.input_value("#narrative") == ""
    assert "kept on this tablet" not in page.inner_text("#kept")  # nothing typed yet: nothing is said to be kept
    page.click("#done-link")
    page.wait_for_selector("#incident[data-status=submitted]")


def test_a_hold_in_a_report_about_two_residents_asks_who_was_held_and_opens_that_ones_episode(
    start_server, browser, audit
):
    server = start_server(**ROOMY_LOGIN)
    page = tablet_page(browser, server, "worker1", FORM)
    fill_report(page)
    assert page.is_hidden("#held")  # one resident: the hold was theirs
    tap(page, "resident_ids", 2)
    page.wait_for_selector("#held:not([hidden])")
    shown = page.locator("#held label.chip:visible")
    assert shown.count() == 2  # only the report's residents are offered
    assert audit(page) == []
    tap(page, "held_resident_ids", 2)
    page.click("#submit-report")
    page.wait_for_selector("#done:has-text('Report submitted')", timeout=20000)
    [report] = stored_reports(server)
    assert report["held_resident_ids"] == [2]
    nurse = login_session(server, "nurse1")
    episodes = nurse.get(f"{server.url}/api/v1/incidents/{report['id']}").json()["episodes"]
    assert [(e["resident_id"], e["kind"]) for e in episodes] == [(2, "physical_hold")]


def test_a_missing_field_is_said_next_to_it_and_nothing_is_stored(start_server, browser, audit):
    server = start_server(**ROOMY_LOGIN)
    page = tablet_page(browser, server, "worker1", FORM)
    fill_report(page)
    tap(page, "resident_ids", 1)  # untapped: nobody is chosen
    page.click("#submit-report")
    page.wait_for_selector("#error-resident_ids:has-text('required')", timeout=20000)
    assert page.is_hidden("#error-narrative")
    assert audit(page) == []
    assert stored_reports(server) == []


def test_an_empty_report_sent_marks_every_missing_field_and_puts_the_finger_on_the_first(start_server, browser):
    server = start_server(**ROOMY_LOGIN)
    page = tablet_page(browser, server, "worker1", FORM)
    page.wait_for_selector("#incident-form[data-ready=yes]")
    page.click("#submit-report")
    page.wait_for_selector(".field.invalid", timeout=20000)
    first_marked = page.get_attribute(".field.invalid >> nth=0", "data-field")  # in the page's order
    focused_in = page.evaluate("document.activeElement.closest('.field')?.dataset.field")
    assert first_marked == "location" and focused_in == first_marked  # not "behavior", the server's first
    assert page.locator(".field.invalid").count() >= 3 and stored_reports(server) == []


def test_a_report_typed_when_the_session_ends_is_kept_and_sent_after_logging_in_again(start_server, browser):
    server = start_server(**ROOMY_LOGIN)
    page = tablet_page(browser, server, "worker1", FORM)
    fill_report(page, narrative="Typed before the session ended.")
    end_session(page, page.context)
    page.click("#submit-report")
    page.wait_for_selector("#session-ended", state="visible", timeout=20000)
    page.wait_for_selector("#form-message:has-text('kept on this tablet')")
    assert stored_reports(server) == []
    page.fill("#relogin-form input[name=password]", "facility-demo")
    page.click("#relogin-form button[type=submit]")
    page.wait_for_selector("#done:has-text('Report submitted')", timeout=25000)
    [report] = stored_reports(server)
    assert report["narrative"] == "Typed before the session ended."


def test_a_report_typed_before_a_reload_to_the_login_page_is_still_there_afterwards(start_server, browser):
    server = start_server(**ROOMY_LOGIN)
    page = tablet_page(browser, server, "worker1", FORM)
    fill_report(page, narrative="Typed, then the tablet went to the login page.")
    end_session(page, page.context)
    page.reload()
    page_login(page, server, "worker1", next_path="/incidents/new%3Funit_id%3D1")
    page.wait_for_selector("#resumed:has-text('Continuing the report')")
    assert page.input_value("#narrative") == "Typed, then the tablet went to the login page."
    assert page.is_checked("input[name=interventions][value=physical_hold]")
    page.click("#save-draft")
    page.wait_for_selector("#form-message:has-text('Draft saved')", timeout=20000)
    page.fill("#narrative", "Finished after the draft was saved.")
    page.click("#submit-report")
    page.wait_for_selector("#done:has-text('Report submitted')", timeout=20000)
    [report] = stored_reports(server)
    assert report["status"] == "submitted"
    assert report["narrative"] == "Finished after the draft was saved."


@pytest.mark.slow(reason="goes offline, then waits for the tablet to send its queue once the network is back")
def test_a_report_submitted_offline_waits_on_the_tablet_and_goes_when_the_network_is_back(start_server, browser):
    server = start_server(**ROOMY_LOGIN)
    page = tablet_page(browser, server, "worker1", FORM)
    fill_report(page, narrative="Submitted while the network was down.")
    page.context.set_offline(True)
    page.click("#submit-report")
    page.wait_for_selector("#form-message:has-text('no connection')")
    page.wait_for_selector("#kept:has-text('report waiting to send')")
    assert stored_reports(server) == []
    page.context.set_offline(False)
    page.wait_for_selector("#done:has-text('Report submitted')", timeout=25000)
    [report] = stored_reports(server)
    assert report["narrative"] == "Submitted while the network was down."
    page.reload()  # nothing is left to continue: the form opens empty, with no notice
    page.wait_for_selector("#incident-form")
    assert page.is_hidden("#resumed")
    assert page.input_value("#narrative") == ""
