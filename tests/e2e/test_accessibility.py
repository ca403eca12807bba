"""Every page of the suite checked with axe-core (from npm) on a tablet: no serious or critical violation."""

import pytest

from tests.alert_factory import raise_committed
from tests.e2e.conftest import ROOT, login_session, page_login

pytestmark = [pytest.mark.e2e, pytest.mark.page]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TABLET = {"width": 800, "height": 1280}


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make assets` (npm install) puts axe-core there")
    return AXE.read_text()


@pytest.fixture
def audit(axe_source):
    """audit(page) → the serious and critical violations on it, as 'rule: where' lines."""

    def run(page):
        page.wait_for_load_state("networkidle")
        # Evaluated through the DevTools protocol, which the page's CSP (no inline script) does not govern.
        page.evaluate(axe_source)
        violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
        return [
            f"{v['id']} ({v['impact']}): {', '.join(' '.join(n['target']) for n in v['nodes'][:5])}"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]

    return run


def tablet_page(browser, server, username=None, path="/"):
    page = browser.new_context(viewport=TABLET).new_page()
    if username:
        page_login(page, server, username, next_path=path)
    else:
        page.goto(server.url + path)
    return page


def test_the_login_page_passes_axe(start_server, browser, audit):
    server = start_server()
    page = tablet_page(browser, server, path="/login")
    assert audit(page) == []
    page_login(page, server, "worker1", "not the password")
    page.wait_for_selector(".error")
    assert audit(page) == []


@pytest.mark.slow(reason="two axe audits of one page, before and after a refused change")
def test_the_password_page_passes_axe_and_says_a_mistake_beside_the_form(start_server, browser, audit):
    server = start_server()
    page = tablet_page(browser, server, "nurse1", "/password")
    page.wait_for_selector("input[name=new_password_again]")
    assert audit(page) == []
    page.fill("input[name=current_password]", "facility-demo")
    page.fill("input[name=new_password]", "a new long secret")
    page.fill("input[name=new_password_again]", "another long secret")
    page.click("main button[type=submit]")
    page.wait_for_selector(".error:has-text('the two new passwords differ')")
    assert audit(page) == []


def test_the_rounds_board_passes_axe_by_day_and_by_night_with_its_sheet_and_a_red_tile(start_server, browser, audit):
    server = start_server()
    page = tablet_page(browser, server, "worker1", "/units/1/rounds")
    page.wait_for_selector("#board .tile")
    assert audit(page) == []
    page.click("#night-toggle")
    page.wait_for_selector("body.night #board .night-check")
    assert audit(page) == []
    page.click("#board .tile .tile-main")
    page.wait_for_selector("#check-sheet[open]")
    assert audit(page) == []
    page.click("#check-sheet [data-location=unable_to_locate]")
    page.wait_for_selector("#confirm-danger", state="visible")
    assert audit(page) == []
    page.click("#confirm-yes")
    page.wait_for_selector("#saved-text:has-text('Saved')")
    page.wait_for_selector("#board .tile[data-status=alarm] .alarm")
    assert audit(page) == []
    page.click("#night-toggle")
    page.wait_for_selector("body:not(.night)")
    assert audit(page) == []


def test_the_alert_console_passes_axe_with_alerts_acknowledged_and_when_signed_out(demo, start_server, browser, audit):
    raise_committed(demo, "North", severity="critical")
    [warning] = raise_committed(demo, "North", severity="warning")
    server = start_server()
    page = tablet_page(browser, server, "nurse1", "/alerts")
    page.wait_for_selector("#alerts li")
    assert audit(page) == []
    page.click(f"#alerts li[data-id='{warning}'] button.ack")  # an acknowledged card must stay readable
    page.wait_for_selector(f"#alerts li[data-id='{warning}'].state-acknowledged")
    assert audit(page) == []
    login_session(server, "nurse1").post(server.url + "/api/v1/auth/logout")
    page.wait_for_selector("#session-ended", state="visible")
    assert audit(page) == []


def test_the_handoff_list_and_a_handoff_pass_axe(start_server, browser, audit):
    server = start_server()
    built = login_session(server, "lead1").post(server.url + "/api/v1/handoffs", json={"unit_id": 1})
    assert built.status_code == 201
    page = tablet_page(browser, server, "lead1", "/handoffs")
    page.wait_for_selector(".handoff-list a")
    assert audit(page) == []
    page.goto(f"{server.url}/handoffs/{built.json()['id']}")
    page.wait_for_selector("#handoff")
    assert audit(page) == []


def test_the_admin_page_passes_axe(start_server, browser, audit):
    server = start_server()
    page = tablet_page(browser, server, "admin", "/admin")
    page.wait_for_selector("#staff tr[data-username=worker1]")
    assert audit(page) == []


def test_the_error_pages_pass_axe(start_server, browser, audit):
    server = start_server()
    page = tablet_page(browser, server, "worker1", "/units/1/rounds")
    page.goto(server.url + "/alerts")
    assert audit(page) == []
    page.goto(server.url + "/nowhere")
    assert audit(page) == []


@pytest.mark.slow(reason="launches a Chromium of its own with a fake camera, and audits four pages")
def test_the_scan_rule_the_scan_dialog_and_the_assignment_pages_pass_axe(start_server, camera_browser, audit):
    server = start_server()
    lead = login_session(server, "lead1")
    assert lead.patch(f"{server.url}/api/v1/units/1", json={"scan_required_levels": ["q5"]}).status_code == 200
    me = login_session(server, "worker1").get(f"{server.url}/api/v1/auth/me").json()["user"]["id"]
    assert (
        lead.put(
            f"{server.url}/api/v1/units/1/assignments", json={"assignments": [{"user_id": me, "resident_ids": [6]}]}
        ).status_code
        == 200
    )
    browser = camera_browser("not-a-label-of-this-unit")
    page = tablet_page(browser, server, "worker1", "/units/1/rounds")
    page.wait_for_selector('#board .tile[data-resident-id="6"] .assignee')
    page.click('#board .tile[data-resident-id="6"] .tile-main')
    page.wait_for_selector("#scan-rule", state="visible")
    assert audit(page) == []
    page.click("#sheet-scan")
    page.wait_for_selector("#scan-problem", state="visible")
    assert audit(page) == []
    page.click("#scan-close")
    page.goto(f"{server.url}/units/1/assignments")
    page.wait_for_selector("#assign-rows button")
    assert audit(page) == []
    page = tablet_page(browser, server, "lead1", "/units/1/assignments")
    page.wait_for_selector("#assign-rows select")
    assert audit(page) == []


def test_the_labels_page_and_the_reports_charts_pass_axe(start_server, browser, audit):
    server = start_server()
    page = tablet_page(browser, server, "admin", "/units/1/presence-codes")
    page.wait_for_selector(".label-sheet .label-room")
    assert audit(page) == []
    page = tablet_page(browser, server, "lead1", "/reports")
    page.wait_for_selector(".report-panel .by-staff")
    assert audit(page) == []
