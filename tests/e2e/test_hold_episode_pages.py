"""A hold on a worker's report reaches the restraint record: the incident page links the episode it opened, the
episode page says "to complete" and links back, and the nurse enters the order there — in headless Chromium."""

import pytest

from tests.e2e.alert_clients import ROOMY_LOGIN
from tests.e2e.conftest import login_session
from tests.e2e.test_accessibility import audit, axe_source, tablet_page  # noqa: F401  (fixtures)
from tests.e2e.test_incident_pages import file_report

pytestmark = [pytest.mark.e2e, pytest.mark.page]


@pytest.mark.slow(
    reason="a report walked from the incident page to its episode and back, an order stored with a "
    "reload, and an axe audit of the episode page"
)
def test_the_incident_links_the_episode_its_hold_opened_and_the_episode_says_to_complete_and_links_back(
    start_server, browser, audit
):
    server = start_server(**ROOMY_LOGIN)
    report = file_report(server)  # worker1: a physical hold of resident 1, 45 minutes ago
    nurse = tablet_page(browser, server, "nurse1", f"/incidents/{report['id']}")
    link = nurse.locator("#episodes li[data-episode-id] a")
    assert link.count() == 1, f"{nurse.url}: {nurse.inner_text('body')[:600]}"  # what the nurse saw, if not that
    assert "physical hold" in link.inner_text() and "to complete" in link.inner_text()
    assert "opened from this report" in link.inner_text()
    link.click()
    nurse.wait_for_url("**/episodes/*")
    nurse.wait_for_selector("#episode-status:has-text('to complete')")
    note = nurse.inner_text("#to-complete")
    assert f"Opened from incident {report['id']}" in note
    assert "the physician's order and the end (release)" in note
    assert nurse.inner_text(".clock-tile[data-clock=order] .left") == "no order entered"
    assert nurse.locator("form[data-action=renew]").count() == 0  # nothing to renew before the order
    assert audit(nurse) == []

    nurse.fill("#order-ordered-by", "Dr A. Osei")
    nurse.click("form[data-action=order] button[type=submit]")
    nurse.wait_for_selector("#flash:has-text('Order stored ✓')")
    assert "to complete: the end (release)" in nurse.inner_text("#to-complete")
    assert "ordered by Dr A. Osei" in nurse.inner_text(".report-fields")
    episode_id = nurse.get_attribute("#episode", "data-episode-id")
    stored = login_session(server, "nurse1").get(f"{server.url}/api/v1/episodes/{episode_id}").json()
    assert stored["missing"] == ["end"] and stored["orders"][0]["ordered_by"] == "Dr A. Osei"

    nurse.click(f"#episode-incidents a:has-text('Incident {report['id']}')")
    nurse.wait_for_selector(f"#incident[data-incident-id='{report['id']}']")
    assert nurse.locator(f"#episodes li[data-episode-id='{episode_id}']").count() == 1
