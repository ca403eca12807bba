"""The incident page (timeline, addenda, review and close by role), the episode page's live clocks and
monitoring, and the HBIPS report of a lead, in headless Chromium against a real server."""

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.alert_clients import ROOMY_LOGIN
from tests.e2e.conftest import login_session
from tests.e2e.test_accessibility import audit, axe_source, tablet_page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.page]


def ago(minutes: float, base: datetime | None = None) -> str:
    return ((base or datetime.now(UTC)) - timedelta(minutes=minutes)).isoformat()


def file_report(server, **over) -> dict:
    """A worker's submitted report of a physical hold of resident 1 in the dayroom 45 minutes ago."""
    body = {
        "uid": str(uuid.uuid4()),
        "unit_id": 1,
        "occurred_at": ago(45),
        "location": "dayroom",
        "resident_ids": [1],
        "category": "physical_aggression_staff",
        "severity": "high",
        "behavior": "struck a staff member",
        "interventions": ["verbal_deescalation", "physical_hold"],
        "narrative": "Held briefly until calm.",
        **over,
    }
    answer = login_session(server, "worker1").post(server.url + "/api/v1/incidents", json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()


def start_hold(server, incident_id: int, started: float, ended: float | None = None) -> dict:
    """A nurse's physical hold of resident 1, started `started` minutes ago (and ended `ended` minutes ago)."""
    nurse = login_session(server, "nurse1")
    base = datetime.now(UTC)  # one instant, so the episode lasts exactly started - ended minutes
    answer = nurse.post(
        f"{server.url}/api/v1/incidents/{incident_id}/episodes",
        json={
            "uid": str(uuid.uuid4()),
            "resident_id": 1,
            "kind": "physical_hold",
            "started_at": ago(started, base),
            "ordered_by": "Dr A. Osei",
            "ordered_at": ago(started - 1, base),
        },
    )
    assert answer.status_code == 201, answer.text
    if ended is not None:
        end = nurse.post(
            f"{server.url}/api/v1/episodes/{answer.json()['id']}/end",
            json={"uid": str(uuid.uuid4()), "occurred_at": ago(ended, base)},
        )
        assert end.status_code in (200, 201), end.text
    return answer.json()


@pytest.mark.slow(
    reason="one report walked through by four people, each logged in on a page of their own, with an axe audit"
)
def test_a_nurse_reviews_and_a_lead_closes_from_the_page_and_a_worker_adds_an_addendum(start_server, browser, audit):
    server = start_server(**ROOMY_LOGIN)
    report = file_report(server)
    start_hold(server, report["id"], started=40, ended=10)  # the nurse completes the episode the hold opened
    page = f"/incidents/{report['id']}"

    worker = tablet_page(browser, server, "worker1", page)
    worker.wait_for_selector("#incident[data-status=submitted]")
    assert worker.locator("form[data-action=step]").count() == 0  # neither review nor close for a worker
    assert worker.locator("form[data-action=episode]").count() == 0
    worker.fill("#addendum-text", "The peer was checked by the nurse afterwards.")
    worker.click("form[data-action=addendum] button[type=submit]")
    worker.wait_for_selector("#flash:has-text('Addendum added')")
    assert "The peer was checked by the nurse afterwards." in worker.inner_text("#timeline li[data-what=addendum]")

    nurse = tablet_page(browser, server, "nurse1", page)
    nurse.wait_for_selector("#step-button:has-text('Mark reviewed')")
    assert audit(nurse) == []
    nurse.click("#step-button")
    nurse.wait_for_selector("#incident[data-status=reviewed]")
    assert "Nell Norris" in nurse.inner_text("#timeline li[data-what=reviewed]")
    assert nurse.locator("form[data-action=step]").count() == 0  # closing is the lead's

    lead = tablet_page(browser, server, "lead1", page)
    lead.fill("#step-note", "Debrief held with the team.")
    lead.click("#step-button:has-text('Close the report')")
    lead.wait_for_selector("#incident[data-status=closed]")
    assert "Debrief held with the team." in lead.inner_text("#timeline li[data-what=closed]")
    stored = login_session(server, "lead1").get(f"{server.url}/api/v1/incidents/{report['id']}").json()
    assert [step["status"] for step in stored["history"]] == ["submitted", "reviewed", "closed"]

    elsewhere = tablet_page(browser, server, "worker2", page)  # South's worker: North's report is not there
    assert "Nothing here" in elsewhere.inner_text("main")


def test_a_nurse_starts_a_hold_from_the_incident_and_lands_on_its_clocks(start_server, browser):
    server = start_server(**ROOMY_LOGIN)
    report = file_report(server)
    nurse = tablet_page(browser, server, "nurse1", f"/incidents/{report['id']}")
    nurse.fill("#episode-ordered-by", "Dr A. Osei")
    nurse.click("form[data-action=episode] button[type=submit]")
    nurse.wait_for_url("**/episodes/*")
    nurse.wait_for_selector(".clock-tile[data-clock=face-to-face] .left:has-text('in 5')")  # 59 or 58 minutes left
    assert nurse.locator("form[data-action=face-to-face]").count() == 1


def test_the_episode_clocks_count_down_and_recorded_monitoring_shows_stored(start_server, browser, audit):
    server = start_server(**ROOMY_LOGIN)
    report = file_report(server)
    episode = start_hold(server, report["id"], started=20)

    page = tablet_page(browser, server, "worker1", f"/episodes/{episode['id']}")
    monitoring = page.locator(".clock-tile[data-clock=monitoring]")
    page.wait_for_selector(".clock-tile[data-clock=monitoring][data-state=overdue]")
    assert "overdue by 5 min" in monitoring.inner_text()  # due 15 minutes after the start, 20 minutes ago
    face_to_face = page.locator(".clock-tile[data-clock=face-to-face] .left")
    first = face_to_face.inner_text()
    assert first.startswith("in 39 min") or first.startswith("in 40 min")  # due an hour after the start
    page.wait_for_timeout(1500)
    assert face_to_face.inner_text() != first  # it counts, second by second
    assert page.locator("form[data-action=face-to-face]").count() == 0  # the face-to-face is the nurse's
    assert audit(page) == []

    page.click("label.chip:has(input[name=state][value=calm])")
    page.click("label.chip:has(input[name=checks][value=breathing_ok])")
    page.click("#record-monitoring")
    page.wait_for_selector("#flash:has-text('Monitoring stored ✓')")
    page.wait_for_selector(".clock-tile[data-clock=monitoring][data-state=ok] .left:has-text('in 1')")  # ~15 min
    assert "Wren Walker" in page.inner_text("#monitoring-list")
    stored = login_session(server, "nurse1").get(f"{server.url}/api/v1/episodes/{episode['id']}").json()
    [check] = stored["monitoring"]
    assert (check["state"], check["checks"], check["by"]) == ("calm", ["breathing_ok"], "Wren Walker")


def test_a_lead_reads_hbips_by_month_from_the_reports_page(start_server, browser, audit):
    server = start_server(**ROOMY_LOGIN)
    report = file_report(server)
    start_hold(server, report["id"], started=40, ended=10)  # 30 minutes of restraint this month

    page = tablet_page(browser, server, "lead1", "/reports")
    page.click("a:has-text('North: HBIPS restraint & seclusion')")
    page.wait_for_selector("#hbips-table")
    rows = page.locator("#hbips-table tbody tr")
    assert rows.count() == 12
    this_month = rows.nth(11)
    assert "(so far)" in this_month.inner_text()
    assert this_month.locator("td").nth(0).inner_text() == "0.50"
    assert page.locator("svg.hbips-chart rect.restraint").count() == 12
    assert page.locator("#hbips-strata tbody tr").count() == 4  # 1–12, 13–17, 18–64, 65 and over
    assert audit(page) == []
    with page.expect_download() as download:
        this_month.locator("a.csv").click()
    rows = [line.split(",") for line in Path(download.value.path()).read_text().splitlines()]
    overall = dict(zip(rows[0], rows[1]))
    assert (overall["stratum"], overall["units"], overall["restraint_hours"]) == ("overall", "1", "0.5")
    page.click("nav.hbips-scope a:has-text('All your units')")
    page.wait_for_selector("h1:has-text('all your units')")
    assert page.locator("#hbips-table tbody tr").nth(11).locator("td").nth(0).inner_text() == "0.50"

    worker = tablet_page(browser, server, "worker1", "/reports/hbips?unit_id=1")
    assert "Not part of your role" in worker.inner_text("main")


def test_a_nurse_documents_the_face_to_face_a_renewal_and_the_end_and_the_clocks_stop(start_server, browser):
    server = start_server(**ROOMY_LOGIN)
    report = file_report(server)
    episode = start_hold(server, report["id"], started=20)
    page = tablet_page(browser, server, "nurse1", f"/episodes/{episode['id']}")
    order_at = page.inner_text(".clock-tile[data-clock=order] .at")

    page.fill("#renew-ordered-by", "Dr A. Osei")
    page.click("form[data-action=renew] button[type=submit]")
    page.wait_for_selector("#flash:has-text('Renewal stored ✓')")
    assert page.inner_text(".clock-tile[data-clock=order] .at") != order_at  # four hours from the renewal now

    page.click("form[data-action=face-to-face] button[type=submit]")  # findings left empty
    page.wait_for_selector("#f2f-error-findings", state="visible")
    page.fill("#f2f-findings", "Calm, no injury, able to return to the dayroom soon.")
    page.click("form[data-action=face-to-face] button[type=submit]")
    page.wait_for_selector("#flash:has-text('Face-to-face stored ✓')")
    assert "done" in page.inner_text(".clock-tile[data-clock=face-to-face]")

    page.fill("#end-note", "Released, calm.")
    page.click("form[data-action=end] button[type=submit]")
    page.wait_for_selector("#episode[data-status=ended]")
    assert page.locator(".clock-tile.done .left:has-text('episode ended')").count() == 3
    stored = login_session(server, "nurse1").get(f"{server.url}/api/v1/episodes/{episode['id']}").json()
    assert (stored["status"], len(stored["orders"]), stored["end_note"]) == ("ended", 2, "Released, calm.")
