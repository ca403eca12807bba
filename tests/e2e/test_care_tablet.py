"""Issue 13's 'done when': a worker documents care from the tablet, and the resident page reads it as one timeline."""

import uuid
from datetime import UTC, datetime

import pytest

from tests.alert_factory import raise_committed
from tests.e2e.alert_clients import ROOMY_LOGIN
from tests.e2e.conftest import end_session, login_session
from tests.e2e.test_accessibility import audit, axe_source, tablet_page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.page]


def care_events(http, server, kind, resident_id, before=()):
    """The unit's events of kind for one resident in force, leaving out the uids in before (the demo's history)."""
    items = http.get(
        f"{server.url}/api/v1/events", params={"unit_id": 1, "resident_id": resident_id, "kind": kind, "limit": 1000}
    ).json()["items"]
    return [e for e in items if e["effective"] and e["uid"] not in before]


def uids(events):
    return {e["uid"] for e in events}


def open_care(browser, server, username="worker1"):
    page = tablet_page(browser, server, username, "/units/1/care")
    page.wait_for_selector("#residents .care-tile")
    return page


def tap_tile(page, resident_id):
    page.click(f'#residents .care-tile[data-resident-id="{resident_id}"] .tile-main')
    page.wait_for_selector("#care-sheet[open]")


def stored(page, count):
    """The last tap answered 'stored', and count records made here say so."""
    page.wait_for_selector("#saved[data-state=stored]:has-text('Stored ✓')", timeout=25000)
    page.wait_for_function(f"document.querySelectorAll('#recent li[data-state=stored]').length === {count}")


def signed_plan_goal(server, resident_id: int, text: str) -> int:
    """A clinician writes and signs a version of the resident's plan with one goal; its id (of the one goal table)."""
    clinician = login_session(server, "clinician1")
    body = {
        "uid": str(uuid.uuid4()),
        "occurred_at": datetime.now(UTC).isoformat(),
        "problems": [{"key": "p-art", "text": "Withdrawn, spends the day in the room"}],
        "goals": [{"key": "g-art", "problem": "p-art", "text": text}],
        "objectives": [
            {"key": "o-art", "goal": "g-art", "text": "Art group twice a week", "target_date": "2030-01-01"}
        ],
        "interventions": [
            {"objective": "o-art", "modality": "skills_group", "frequency": "weekly", "responsible_role": "worker"}
        ],
    }
    written = clinician.post(f"{server.url}/api/v1/residents/{resident_id}/plans", json=body)
    assert written.status_code == 201, written.text
    plan = written.json()
    signed = clinician.post(
        f"{server.url}/api/v1/plans/{plan['id']}/sign",
        json={"uid": str(uuid.uuid4()), "resident_participation": "agreed"},
    )
    assert signed.status_code == 200, signed.text
    return plan["goals"][0]["id"]


def test_a_worker_records_hygiene_in_three_taps_and_a_goal_note_and_the_resident_page_shows_both(start_server, browser):
    server = start_server(**ROOMY_LOGIN)
    nurse = login_session(server, "nurse1")
    goal = nurse.post(
        f"{server.url}/api/v1/residents/3/goals", json={"uid": str(uuid.uuid4()), "text": "Joins one group a day"}
    )
    assert goal.status_code == 201, goal.text
    plan_goal = signed_plan_goal(server, 3, "I want to paint again")
    history = uids(care_events(nurse, server, "adl.support", 3)) | uids(care_events(nurse, server, "note.written", 3))
    page = open_care(browser, server)
    assert page.get_attribute("header nav a:text-is('care')", "href") == "/units/1/care"
    assert page.goto(f"{server.url}/units/2/care").status == 404  # another unit's care page is not there
    page.goto(f"{server.url}/units/1/care")
    page.wait_for_selector("#residents .care-tile")

    tap_tile(page, 3)  # 1: who
    page.click("#care-sheet [data-activity=hygiene]")  # 2: what
    assert page.inner_text("#support-what") == "Hygiene — how much help?"
    page.click("#care-sheet [data-support=independent]")  # 3: how much help — stored at once
    stored(page, 1)
    assert "hygiene: independent" in page.inner_text("#saved-text")

    tap_tile(page, 3)
    page.click("#care-sheet [data-open=note]")
    page.click(f"#goals [data-goal-id='{goal.json()['id']}']")
    page.click(f"#goals [data-goal-id='{plan_goal}']")  # a goal of the plan in force, beside the floor's
    page.click("#mood [data-mood=calm]")
    page.click("#engagement [data-engagement=partial]")
    page.fill("#note-text", "Went to the art group and stayed to the end.")
    page.click("#note-save")
    stored(page, 2)
    page.wait_for_selector("#queue-count[data-count='0']")

    adl = care_events(nurse, server, "adl.support", 3, history)
    assert [(e["data"]["activity"], e["data"]["support"]) for e in adl] == [("hygiene", "independent")]
    notes = care_events(nurse, server, "note.written", 3, history)
    assert [(n["data"]["mood"], sorted(n["data"]["goal_ids"])) for n in notes] == [
        ("calm", sorted([goal.json()["id"], plan_goal]))
    ]

    page.goto(f"{server.url}/residents/3")
    timeline = page.inner_text("#timeline")
    assert "hygiene: independent" in timeline
    assert "progress note — mood calm, engagement partial: Went to the art group" in timeline
    goal_panel = page.inner_text(f"#panel-goals [data-goal-id='{goal.json()['id']}']")
    assert "Joins one group a day" in goal_panel and "Went to the art group and stayed to the end." in goal_panel
    plan_panel = page.inner_text(f"#panel-goals [data-goal-id='{plan_goal}']")
    assert "I want to paint again" in plan_panel and "On the treatment plan" in plan_panel
    assert "Went to the art group and stayed to the end." in plan_panel


@pytest.mark.slow(reason="goes offline, then waits for the tablet to send its queue once the network is back")
def test_a_record_made_offline_waits_with_a_visible_count_and_is_sent_once_when_back_online(start_server, browser):
    server = start_server(**ROOMY_LOGIN)
    nurse = login_session(server, "nurse1")
    history = uids(care_events(nurse, server, "adl.support", 5))
    page = open_care(browser, server)
    page.context.set_offline(True)

    tap_tile(page, 5)
    page.click("#care-sheet [data-activity=meal]")
    page.click("#care-sheet [data-percent='50']")
    page.click("#care-sheet [data-support=supervision]")
    page.wait_for_selector("#queue-count[data-count='1']:has-text('1 waiting to send')")
    page.wait_for_selector("#saved[data-state=waiting]:has-text('Kept on this tablet')")
    page.wait_for_selector("#recent li[data-state=waiting]")
    page.wait_for_selector('.care-tile[data-resident-id="5"] .badge:has-text("1 waiting")')
    assert care_events(nurse, server, "adl.support", 5, history) == []

    page.context.set_offline(False)
    page.wait_for_selector("#queue-count[data-count='0']", timeout=25000)
    stored(page, 1)
    page.reload()  # a reload sends nothing again: the queue is empty and the record says stored
    page.wait_for_selector("#recent li[data-state=stored]")
    meals = care_events(nurse, server, "adl.support", 5, history)
    assert [(e["data"]["percent_eaten"], e["data"]["support"]) for e in meals] == [(50, "supervision")]


def test_a_resident_with_an_open_critical_alert_is_marked_on_the_care_tiles(demo, start_server, browser):
    raise_committed(demo, "North", severity="critical")
    server = start_server(**ROOMY_LOGIN)
    page = open_care(browser, server)
    red = page.locator("#residents .care-tile[data-alarm=critical]")
    assert red.count() == 1 and "behavior_change for" in red.inner_text()
    assert page.locator("#residents .care-tile[data-alarm=none]").count() == 11


def test_a_record_the_server_refuses_says_which_field_and_leaves_the_queue(start_server, browser):
    server = start_server(**ROOMY_LOGIN)
    page = open_care(browser, server)
    # A meal queued without its percentage (as an older page might have queued it) reaches the server later.
    page.evaluate(
        """(key) => {
        const body = { uid: crypto.randomUUID(), resident_id: 2, occurred_at: new Date().toISOString(),
                       activity: 'meal', meal: 'lunch', support: 'independent' };
        localStorage.setItem(key, JSON.stringify([{ type: 'adl', body, label: 'Ben O.: lunch' }]));
        window.dispatchEvent(new Event('online'));
    }""",
        f"facility.outbox.{page.locator('.who').get_attribute('data-user-id')}",
    )
    page.wait_for_selector("#refused li:has-text('percent eaten: required when the activity is meal')")
    page.wait_for_selector("#queue-count[data-count='0']")
    page.click("#refused li .discard")
    page.wait_for_selector("#refused", state="hidden")


def test_a_record_made_after_the_session_ended_waits_and_is_sent_after_logging_in_again_in_place(start_server, browser):
    server = start_server(**ROOMY_LOGIN)
    page = open_care(browser, server)
    end_session(page, page.context)
    tap_tile(page, 9)
    page.click("#care-sheet [data-activity=oral_care]")
    page.click("#care-sheet [data-support=supervision]")
    page.wait_for_selector("#session-ended", state="visible")
    page.wait_for_selector("#queue-count[data-count='1']")
    page.fill("#relogin-form input[name=password]", "facility-demo")
    page.click("#relogin-form button[type=submit]")
    page.wait_for_selector("#queue-count[data-count='0']", timeout=25000)
    stored(page, 1)
    assert page.locator("#session-ended").is_hidden()


def test_a_lead_is_offered_notes_and_groups_but_not_adl_support_or_outings(start_server, browser):
    server = start_server(**ROOMY_LOGIN)
    page = open_care(browser, server, "lead1")
    tap_tile(page, 2)
    assert page.locator("#care-sheet [data-activity]").count() == 0
    assert page.locator("#care-sheet [data-open=outing]").count() == 0
    page.click("#care-sheet [data-open=note]")
    page.fill("#note-text", "Talked about going home at the weekend.")
    page.click("#note-save")
    stored(page, 1)


@pytest.mark.slow(reason="goes offline, then waits for the tablet to send its queue once the network is back")
def test_an_outing_signed_out_and_back_in_offline_reaches_the_server_in_order_once_online(start_server, browser):
    server = start_server(**ROOMY_LOGIN)
    worker = login_session(server, "worker1")
    page = open_care(browser, server)
    page.context.set_offline(True)
    tap_tile(page, 6)
    page.click("#care-sheet [data-open=outing]")
    page.fill("#outing-destination", "Pharmacy")
    page.click("#outing-back [data-back='120']")
    page.click("#outing-save")
    page.wait_for_selector('.care-tile[data-resident-id="6"].off-unit .out:has-text("Out: Pharmacy")')
    tap_tile(page, 6)
    page.click("#care-sheet [data-open=outing]")
    page.click("#return-save")
    page.wait_for_selector("#queue-count[data-count='2']")
    page.wait_for_selector('.care-tile[data-resident-id="6"]:not(.off-unit)')

    page.context.set_offline(False)
    page.wait_for_selector("#queue-count[data-count='0']", timeout=25000)
    stored(page, 2)
    still_out = [o for o in worker.get(f"{server.url}/api/v1/units/1/outings").json() if o["resident_id"] == 6]
    assert still_out == []
    page.goto(f"{server.url}/residents/6")
    lines = page.inner_text("#timeline")
    assert "signed out to Pharmacy, escorted, back by" in lines and "back on the unit" in lines


def test_a_group_puts_each_attendees_participation_in_their_own_record(start_server, browser):
    server = start_server(**ROOMY_LOGIN)
    page = open_care(browser, server)
    page.click("#group-open")
    page.fill("#group-topic", "Coping skills")
    page.click("#group-duration [data-duration='60']")
    page.click("#attendees li[data-resident-id='7'] [data-participation=active]")
    page.click("#attendees li[data-resident-id='8'] [data-participation=left_early]")
    page.click("#group-save")
    stored(page, 1)
    assert "group 'Coping skills', 60 min, 2 attended" in page.inner_text("#saved-text")
    page.goto(f"{server.url}/residents/8")
    assert "group 'Coping skills' (60 min): left early" in page.inner_text("#timeline")


@pytest.mark.slow(reason="axe audits of the care page, each of its sheets and the resident page")
def test_the_care_page_with_its_sheets_and_the_resident_page_pass_axe(start_server, browser, audit):
    server = start_server(**ROOMY_LOGIN)
    page = open_care(browser, server)
    assert audit(page) == []
    tap_tile(page, 2)
    assert audit(page) == []
    page.click("#care-sheet [data-activity=meal]")
    assert audit(page) == []
    page.click("#care-sheet [data-percent='75']")
    assert audit(page) == []
    page.click("#care-sheet [data-back-step]")
    page.click("#care-sheet [data-back-step]")
    page.click("#care-sheet [data-open=note]")
    page.click("#note-save")
    page.wait_for_selector("#note-error:visible")
    assert audit(page) == []
    page.click("#care-sheet [data-cancel]")
    page.click("#group-open")
    page.wait_for_selector("#group-sheet[open] #attendees li")
    assert audit(page) == []
    page.goto(f"{server.url}/residents/2")
    page.wait_for_selector("#timeline")
    assert audit(page) == []
