"""The worker's tiles on an 800×1280 tablet: a resident nobody has seen stays red until a check sees them, each
tile says one thing to do in the worker's words, the nurse's alerts stay off it, and no tile is taller than 300 px."""

from datetime import UTC, datetime

import pytest

from facility.alerts.services import raise_alert
from facility.outcomes import AlertDraft
from tests.e2e.conftest import login_session, page_login
from tests.e2e.tablet import tile, waiting

pytestmark = [pytest.mark.e2e, pytest.mark.page]

TABLET = {"width": 800, "height": 1280}


def tablet_board(browser, server, username="worker1"):
    page = browser.new_context(viewport=TABLET).new_page()
    page_login(page, server, username, next_path="/units/1/rounds")
    page.wait_for_selector("#board .tile")
    return page


def record(page, resident_id, outcome_selector):
    tile(page, resident_id).locator(".tile-main").click()
    page.click(f"#check-sheet {outcome_selector}")
    page.click("#confirm-yes")
    waiting(page, 0)


def acknowledge(server, kind, resident_id):
    nurse = login_session(server, "nurse1")
    [alert] = [
        a
        for a in nurse.get(server.url + "/api/v1/alerts?status=open").json()["items"]
        if a["kind"] == kind and a["resident_id"] == resident_id
    ]
    assert nurse.post(f"{server.url}/api/v1/alerts/{alert['id']}/ack", json={}).status_code == 200


def board_row(server, resident_id):
    rows = login_session(server, "worker1").get(server.url + "/api/v1/units/1/board").json()["residents"]
    return next(r for r in rows if r["id"] == resident_id)


def hhmm(iso_text):
    from zoneinfo import ZoneInfo

    return f"{datetime.fromisoformat(iso_text).astimezone(ZoneInfo('America/New_York')):%H:%M}"


@pytest.mark.parametrize(
    "resident_id,outcome,kind,words,seen_again,due_after",
    [
        (
            5,
            "[data-location=unable_to_locate]",
            "resident_missing",
            "Missing since {} — search and tell the nurse",
            "[data-quick]",
            "due in 15 min",
        ),
        (
            4,
            '[data-state=asleep][data-breathing="false"]',
            "breathing_not_observed",
            "Breathing not seen {} — recheck now",
            '.quick [data-state=asleep][data-breathing="true"]',
            "due in 60 min",
        ),
    ],
)
def test_a_resident_not_seen_stays_red_acknowledged_or_not_until_a_check_sees_them(
    start_server, browser, resident_id, outcome, kind, words, seen_again, due_after
):
    server = start_server()
    page = tablet_board(browser, server)
    last_seen = board_row(server, resident_id)["last_check_at"]
    record(page, resident_id, outcome)
    since = hhmm(board_row(server, resident_id)["not_seen"]["since"])
    red = f'#board .tile[data-resident-id="{resident_id}"][data-status=alarm]'
    page.wait_for_selector(f'{red} .todo:text-is("{words.format(since)}")')

    acknowledge(server, kind, resident_id)
    page.reload()
    page.wait_for_selector(f'{red} .todo:text-is("{words.format(since)}")')
    said = tile(page, resident_id).inner_text()
    assert "due in" not in said and "acknowledged" not in said
    if last_seen:
        assert f"last seen {hhmm(last_seen)}" in said  # the last sighting stays the last sighting

    tile(page, resident_id).locator(".tile-main").click()
    page.click(f"#check-sheet {seen_again}")
    waiting(page, 0)
    page.wait_for_selector(f'#board .tile[data-resident-id="{resident_id}"][data-status=ok]')
    page.reload()
    page.wait_for_selector(f'#board .tile[data-resident-id="{resident_id}"][data-status=ok]')
    assert tile(page, resident_id).locator(".todo").inner_text() == due_after


def raise_alerts(app, resident_id, drafts):
    """Alerts as the domains' rules raise them, stored before the page reads the board."""
    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        for kind, severity, message in drafts:
            raise_alert(
                session,
                AlertDraft(kind, severity, 1, resident_id, f"test:{kind}:{resident_id}", message),
                datetime.now(UTC),
            )
        session.commit()
        session.close()


NURSE_ONLY = [
    (
        "incident_submitted",
        "critical",
        "Incident #7 (physical aggression staff, high) submitted by Wren Walker in "
        "the dayroom — Ana R. · N101, Ben O. · N102 — review needed",
    ),
    ("order_expiring", "warning", "Ana R. · N101: seclusion — order expires 10:56; renew or end"),
    (
        "escalated",
        "critical",
        "Not acknowledged for 12 min: Ana R. · N101: seclusion started 09:56; monitor every "
        "15 min, face-to-face by 10:56",
    ),
]


def test_tiles_say_one_thing_for_the_worker_and_none_is_taller_than_300_px(demo, start_server, browser):
    raise_alerts(
        demo,
        1,
        NURSE_ONLY
        + [
            (
                "restraint_started",
                "critical",
                "Ana R. · N101: seclusion started 09:56; monitor every 15 min, face-to-face by 10:56",
            ),
            ("monitoring_overdue", "warning", "Ana R. · N101: seclusion — monitoring overdue (due 10:41)"),
        ],
    )
    raise_alerts(demo, 2, NURSE_ONLY)
    raise_alerts(demo, 3, [("behavior_change", "critical", "Self harm behavior: Cora L. · N103")])
    raise_alerts(demo, 4, [("restraint_started", "critical", "Dan K. · N104: physical hold started 09:56")])
    server = start_server()
    page = tablet_board(browser, server)
    record(page, 5, "[data-location=unable_to_locate]")
    page.wait_for_selector('#board .tile[data-resident-id="5"][data-status=alarm]')

    ana, ben = tile(page, 1).inner_text(), tile(page, 2).inner_text()
    for words in ("Incident", "review needed", "Not acknowledged", "order expires", "face-to-face"):
        assert words not in ana and words not in ben, words
    # The episode's monitoring is overdue: that is what to do now, not "monitor every 15 min", and it shouts
    # while the start is not acknowledged.
    assert tile(page, 1).locator(".todo").inner_text() == "Episode: monitoring due 10:41"
    assert tile(page, 1).get_attribute("data-status") == "alarm"
    assert tile(page, 4).locator(".todo").inner_text() == "Episode: monitor every 15 min"  # nothing overdue yet
    assert tile(page, 2).get_attribute("data-status") != "alarm"  # nothing of Ben's is the worker's to act on
    assert tile(page, 3).locator(".todo").inner_text() == "Self-harm seen — stay close, tell the nurse"
    assert ana.count("Ana R.") == 1  # the name once, in the tile's head

    heights = page.eval_on_selector_all("#board .tile", "tiles => tiles.map(t => t.getBoundingClientRect().height)")
    assert len(heights) == 12 and max(heights) <= 300, heights

    acknowledge(server, "restraint_started", 1)
    acknowledge(server, "behavior_change", 3)
    page.reload()
    page.wait_for_selector("#board .tile")
    assert tile(page, 1).get_attribute("data-status") != "alarm"  # acknowledged: it no longer shouts
    assert tile(page, 3).get_attribute("data-status") != "alarm"
    assert tile(page, 1).locator(".alarm").count() == 0

    tile(page, 1).locator(".tile-main").click()  # the rest is one tap away: the sheet lists Ana's alerts
    page.wait_for_selector("#check-sheet[open] #sheet-alerts li")
    assert "monitoring overdue (due 10:41)" in page.inner_text("#sheet-alerts")
    assert "review needed" not in page.inner_text("#sheet-alerts")


LANDING = {
    "worker1": "/units/1/rounds",
    "nurse1": "/alerts",
    "lead1": "/handoffs",
    "admin": "/units/1/rounds",
    "clinician1": "/clinical",
    "casemanager1": "/casework",
}


@pytest.mark.parametrize("username", list(LANDING))
def test_the_header_is_one_line_at_800_px_and_each_role_lands_where_its_work_is(start_server, browser, username):
    server = start_server()
    page = browser.new_context(viewport=TABLET).new_page()
    page_login(page, server, username)
    page.wait_for_url(f"**{LANDING[username]}")
    page.goto(server.url + "/")
    page.wait_for_url(f"**{LANDING[username]}")
    parts = page.eval_on_selector_all(
        "header.top > *, header.top nav > *",
        "els => els.map(e => { const r = e.getBoundingClientRect(); "
        "return [e.tagName, e.textContent.trim(), r.top, r.bottom]; })",
    )
    middles = [(top + bottom) / 2 for _, _, top, bottom in parts]
    header = page.eval_on_selector("header.top", "h => h.getBoundingClientRect().height")
    # One line: the brand, the unit, every page link, the user and Log out side by side, no taller than a button row.
    assert max(middles) - min(middles) <= 6 and header <= 64, (header, parts)
    assert page.locator("header.top .unit").inner_text().startswith("North")
    assert page.locator("header.top nav a[href$='/units/2/rounds']").count() == 0  # the unit once, not per unit
