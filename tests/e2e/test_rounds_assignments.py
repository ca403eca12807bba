"""Assignments on the tablet: a worker's own residents come first and remind them before a check falls due;
the assignment page lets a lead assign residents and a worker take or release their own."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tests.e2e.conftest import login_session, page_login
from tests.e2e.tablet import open_board, tile, two_tap_check

pytestmark = [pytest.mark.e2e, pytest.mark.page]

INTERVAL_MIN = {"q60": 60, "q30": 30, "q15": 15, "q5": 5}


def user_id(server, username):
    return login_session(server, username).get(f"{server.url}/api/v1/auth/me").json()["user"]["id"]


@pytest.mark.slow(reason="two workers' boards watched until the reminder sounds on one of them")
def test_the_assigned_worker_is_reminded_two_minutes_before_a_check_falls_due_and_another_worker_is_not(
    start_server, browser
):
    server = start_server()
    admin, lead, worker1 = (login_session(server, name) for name in ("admin", "lead1", "worker1"))
    created = admin.post(
        f"{server.url}/api/v1/users",
        json={
            "username": "worker3",
            "name": "Willa Ward",
            "role": "worker",
            "password": "facility-demo",
            "unit_ids": [1],
        },
    )
    assert created.status_code == 201, created.text
    me = user_id(server, "worker1")
    assigned = lead.put(
        f"{server.url}/api/v1/units/1/assignments", json={"assignments": [{"user_id": me, "resident_ids": [9]}]}
    )
    assert assigned.status_code == 200, assigned.text
    resident = next(r for r in worker1.get(f"{server.url}/api/v1/units/1/board").json()["residents"] if r["id"] == 9)
    # The check falls due in 90 seconds: inside the two minutes of the reminder.
    seen = datetime.now(UTC) - timedelta(minutes=INTERVAL_MIN[resident["observation_level"]], seconds=-90)
    answer = worker1.post(
        f"{server.url}/api/v1/rounds/checks",
        json={
            "uid": str(uuid.uuid4()),
            "resident_id": 9,
            "occurred_at": seen.isoformat(),
            "location": "own_room",
            "state": "awake_calm",
        },
    )
    assert answer.status_code == 201, answer.text

    mine = open_board(browser.new_context(), server, "worker1")
    mine.wait_for_selector("#reminder:not([hidden])")
    assert resident["display_name"] in mine.inner_text("#reminder-list")
    assert "check due at" in mine.inner_text("#reminder-list")
    assert tile(mine, 9).locator(".assignee").inner_text() == "yours"
    assert mine.locator("#board .tile:not([data-status=alarm])").first.get_attribute("data-resident-id") == "9"

    other = open_board(browser.new_context(), server, "worker3")
    other.wait_for_selector('#board .tile[data-resident-id="9"] .assignee')
    assert tile(other, 9).locator(".assignee").inner_text() == "assigned: Wren Walker"
    assert other.locator("#reminder").is_hidden()

    two_tap_check(mine, 9)  # the check is made: its reminder ends
    mine.wait_for_selector("#reminder", state="hidden")

    mine.click("#reminder-mute")  # the sound's mute is remembered on this tablet
    mine.reload()
    mine.wait_for_selector("#board .tile")
    assert mine.get_attribute("#reminder-mute", "aria-pressed") == "true"


def test_a_lead_assigns_a_resident_on_the_page_and_a_worker_takes_another_for_themselves(start_server, browser):
    server = start_server()
    lead = browser.new_context().new_page()
    page_login(lead, server, "lead1", next_path="/units/1/assignments")
    lead.wait_for_selector('#assign-rows select[data-resident-id="2"] option:has-text("Wren Walker")', state="attached")
    lead.select_option('#assign-rows select[data-resident-id="2"]', label="Wren Walker")
    lead.click("#assign-save")
    lead.wait_for_selector("#assign-status:has-text('Saved')")

    worker = browser.new_context().new_page()
    page_login(worker, server, "worker1", next_path="/units/1/assignments")
    worker.wait_for_selector('#assign-rows tr[data-resident-id="2"] .holder.mine')
    worker.click('#assign-rows tr[data-resident-id="3"] button:has-text("Take")')
    worker.wait_for_selector("#assign-status:has-text('Saved')")
    worker.wait_for_selector('#assign-rows tr[data-resident-id="3"] button:has-text("Release")')

    shift = login_session(server, "nurse1").get(f"{server.url}/api/v1/units/1/assignments").json()
    held = {a["name"]: sorted(a["resident_ids"]) for a in shift["assignments"]}
    assert held == {"Wren Walker": [2, 3]}
