"""Issue 21 (6, 7, 8, 13) on the screens: what a dose says once recorded, doses outside their window, the MOR.

The server runs in a fixed-offset zone where it is about noon now, so a dose later today (not open yet) and a
dose earlier today (window closed) both exist whatever the hour the suite runs.
"""

import re
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import ApiClient
from tests.e2e.alert_clients import ROOMY_LOGIN
from tests.e2e.conftest import login_session, page_login
from tests.e2e.test_accessibility import audit, axe_source, tablet_page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.page]

DESK = {"width": 1366, "height": 768}


def noon_zone() -> str:
    """An IANA fixed-offset zone in which the wall clock reads 12:xx now (Etc/GMT-N is UTC+N)."""
    ahead = 12 - datetime.now(UTC).hour
    return "Etc/GMT" if ahead == 0 else f"Etc/GMT{'-' if ahead > 0 else '+'}{abs(ahead)}"


@pytest.fixture
def noon_server(start_server, demo):
    """The page server at about noon local time; the in-process app reads times in the same zone."""
    zone = noon_zone()
    demo.config["FACILITY_TIMEZONE"] = zone
    server = start_server(**ROOMY_LOGIN, FACILITY_TIMEZONE=zone)
    server.zone = ZoneInfo(zone)
    return server


def order(server, hhmm: str, medication: str = "haloperidol", resident_id: int = 4) -> int:
    """A nurse's order of one daily dose at local hhmm, from today."""
    today = datetime.now(UTC).astimezone(server.zone)
    answer = login_session(server, "nurse1").post(
        f"{server.url}/api/v1/medications/orders",
        json={
            "uid": str(uuid.uuid4()),
            "resident_id": resident_id,
            "medication": medication,
            "strength": "5 mg",
            "dose": "1 tablet",
            "route": "oral",
            "times": [hhmm],
            "start_date": f"{today:%Y-%m-%d}",
        },
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def dose(page, order_id):
    item = page.locator(f"#doses li[data-order-id='{order_id}']")
    item.wait_for(timeout=15000)
    return item


def test_a_refusal_is_stored_with_its_time_and_the_nurse_sees_who_when_and_why(noon_server, browser):
    now = datetime.now(UTC).astimezone(noon_server.zone)
    order_id = order(noon_server, f"{now:%H:%M}")
    tablet = tablet_page(browser, noon_server, "worker1", "/units/1/med-pass")
    dose(tablet, order_id).locator("button").first.click()
    tablet.click("#outcomes [data-outcome='refused']")
    tablet.fill("#confirm-reason", "says it makes her drowsy")
    tablet.click("#confirm-yes")
    stored = dose(tablet, order_id).locator(".stored")
    stored.wait_for(timeout=15000)
    assert re.fullmatch(r"stored ✓ refused at \d\d:\d\d", stored.inner_text()), stored.inner_text()

    desk = browser.new_context(viewport=DESK).new_page()
    page_login(desk, noon_server, "nurse1", next_path="/units/1/med-pass")
    line = dose(desk, order_id).locator(".observed-by")
    line.wait_for(timeout=15000)
    said = line.inner_text()
    assert re.search(r"refused at \d\d:\d\d", said), said
    assert "witness: Wren Walker (mental health worker)" in said
    assert "reason: says it makes her drowsy" in said
    assert "Invalid Date" not in desk.inner_text("#doses")


def test_a_dose_whose_window_has_not_opened_is_shown_closed_and_cannot_be_recorded(noon_server, browser):
    later = datetime.now(UTC).astimezone(noon_server.zone) + timedelta(hours=3)
    order_id = order(noon_server, f"{later:%H:%M}")
    tablet = tablet_page(browser, noon_server, "worker1", "/units/1/med-pass")
    item = dose(tablet, order_id)
    opens = f"{later - timedelta(hours=1):%H:%M}"
    assert f"not yet open — opens {opens}" in item.inner_text()
    button = item.locator("button").first
    assert button.is_disabled()
    button.click(force=True)  # a tap on it does nothing
    assert not tablet.locator("#dose-sheet").evaluate("sheet => sheet.open")
    assert tablet.locator("#message").is_hidden()


# null when the element was drawn anew between finding it and reading it (the pass redraws its list now and then).
RED_TEXT = (
    "el => { if (!el.isConnected) return null; "
    "const [r, g, b] = getComputedStyle(el).color.match(/\\d+/g).map(Number); return r > 150 && g < 80; }"
)


def is_red(locator) -> bool:
    """Whether the text is red, read again if the page redrew it in the meantime."""
    for _ in range(10):
        if (red := locator.evaluate(RED_TEXT)) is not None:
            return red
    raise AssertionError("the element kept being redrawn")


def test_no_known_allergies_is_said_plainly_and_real_ones_in_red_on_the_dose_and_its_sheet(noon_server, browser):
    now = datetime.now(UTC).astimezone(noon_server.zone)
    none_known = order(noon_server, f"{now:%H:%M}", resident_id=2)  # Ben: no allergies
    latex = order(noon_server, f"{now:%H:%M}", medication="lithium", resident_id=4)  # Dev: latex
    tablet = tablet_page(browser, noon_server, "worker1", "/units/1/med-pass")
    for order_id, words, red in ((none_known, "No known allergies", False), (latex, "Allergies: latex", True)):
        item = dose(tablet, order_id)
        assert item.locator(".allergy").inner_text() == words
        assert is_red(item.locator(".allergy")) is red
        item.locator("button").first.click()
        sheet = tablet.locator("#dose-allergies")
        sheet.wait_for()
        assert sheet.inner_text() == words and is_red(sheet) is red, words
        tablet.click("#dose-sheet button[data-cancel]")
        tablet.wait_for_function("() => !document.getElementById('dose-sheet').open")


def test_a_late_dose_asks_why_before_it_is_sent(noon_server, browser, demo, clock):
    # Entered at 10:xx, before the window of the 10:30-ish dose closed, so that dose is on the pass, now late.
    clock.now = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=100)
    scheduled = (clock.now + timedelta(minutes=10)).astimezone(noon_server.zone)
    nurse = ApiClient(demo, "nurse1")
    answer = nurse.post(
        "/api/v1/medications/orders",
        json={
            "uid": str(uuid.uuid4()),
            "resident_id": 4,
            "medication": "lithium",
            "strength": "300 mg",
            "dose": "1 capsule",
            "route": "oral",
            "times": [f"{scheduled:%H:%M}"],
            "start_date": f"{scheduled:%Y-%m-%d}",
        },
    )
    assert answer.status_code == 201, answer.get_json()
    order_id = answer.get_json()["id"]

    tablet = tablet_page(browser, noon_server, "worker1", "/units/1/med-pass")
    item = dose(tablet, order_id)
    assert "late — window closed" in item.inner_text()
    item.locator("button").first.click()
    closed = f"{scheduled + timedelta(hours=1):%H:%M}"
    assert f"window closed at {closed}" in tablet.inner_text("#late-question")
    tablet.click("#outcomes [data-outcome='taken']")
    tablet.wait_for_selector("#late-error:text('Say why the dose is late')")
    assert tablet.locator("#dose-sheet").evaluate("sheet => sheet.open")  # nothing was sent
    tablet.fill("#late-reason", "resident was at the dentist")
    tablet.click("#outcomes [data-outcome='taken']")
    tablet.wait_for_selector("#message:text('Stored ✓')", timeout=15000)
    shown = dose(tablet, order_id).locator(".observed-by")
    shown.wait_for(timeout=15000)
    assert "reason: late: resident was at the dentist" in shown.inner_text()


def test_the_mor_is_linked_from_the_resident_page_and_the_med_pass(noon_server, browser, audit):
    now = datetime.now(UTC).astimezone(noon_server.zone)
    order_id = order(noon_server, f"{now:%H:%M}", medication="sertraline")
    desk = browser.new_context(viewport=DESK).new_page()
    page_login(desk, noon_server, "nurse1", next_path="/residents/4")
    assert "Sertraline 5 mg, 1 tablet by mouth" in desk.inner_text("#panel-orders")
    assert audit(desk) == []
    desk.click("#mor-link")
    desk.wait_for_url(re.compile(r"/residents/4/mor$"))
    assert "Medication observation record" in desk.inner_text("h1")

    tablet = tablet_page(browser, noon_server, "worker1", "/units/1/med-pass")
    dose(tablet, order_id).locator(".mor-link").click()
    tablet.wait_for_url(re.compile(r"/residents/4/mor$"))
    assert "sertraline" in tablet.inner_text(".mor")


def violations(page, axe_source) -> list[str]:
    """Every axe violation on the page, whatever its impact, as 'rule (impact)'."""
    page.wait_for_load_state("networkidle")
    page.evaluate(axe_source)
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['id']} ({v['impact']})" for v in found]


@pytest.mark.slow(reason="an observation through the tablet, then axe on the MOR on screen and as printed")
def test_the_mor_prints_a_key_of_initials_and_passes_axe(noon_server, browser, axe_source):
    now = datetime.now(UTC).astimezone(noon_server.zone)
    order_id = order(noon_server, f"{now:%H:%M}")
    worker = login_session(noon_server, "worker1")
    taken = worker.post(
        f"{noon_server.url}/api/v1/medobs",
        json={
            "uid": str(uuid.uuid4()),
            "resident_id": 4,
            "order_id": order_id,
            "outcome": "taken",
            "occurred_at": datetime.now(UTC).isoformat(),
        },
    )
    assert taken.status_code == 201, taken.text
    mor = browser.new_context(viewport=DESK).new_page()
    page_login(mor, noon_server, "nurse1", next_path="/residents/4/mor")
    mor.wait_for_selector("table.grid")
    assert mor.locator("td.code-T small").inner_text() == "WW"
    assert mor.inner_text("#witness-key tbody") == "WW\tWren Walker\tmental health worker"
    found = violations(mor, axe_source)
    assert not [v for v in found if "landmark-unique" in v or "(serious)" in v or "(critical)" in v], found
    mor.emulate_media(media="print")
    mor.locator("nav[aria-label='Months']").wait_for(state="hidden")  # the print styles apply a moment after
    assert mor.locator("#witness-key").is_visible()
