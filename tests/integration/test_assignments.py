"""Assignments: who rounds on whom this shift, set by a lead or taken by a worker, named on the board and alerts."""

from datetime import UTC, datetime

import pytest

from facility.scheduler import sweep
from tests.conftest import MIDSHIFT, Clock
from tests.integration.rounds_helpers import check_body, notifier  # noqa: F401

pytestmark = pytest.mark.usefixtures("notifier")


@pytest.fixture
def clock():
    """Noon in New York: the day shift (07:00–15:00) has hours left to run."""
    return Clock.at(MIDSHIFT)


@pytest.fixture
def staff(add_staff, login):
    """North's staff: worker1 and a second worker, worker3."""
    add_staff("worker3", ["North"], role="worker")
    return {user["username"]: user["id"] for user in (login("worker1").user, login("worker3").user)}


def assign(client, *pairs, unit_id=1):
    """PUT the assignments: pairs of (user_id, [resident ids])."""
    return client.put(
        f"/api/v1/units/{unit_id}/assignments",
        json={"assignments": [{"user_id": u, "resident_ids": r} for u, r in pairs]},
    )


def test_a_lead_assigns_the_shift_and_everyone_on_the_unit_reads_it(login, staff, clock):
    lead = login("lead1")
    answer = assign(lead, (staff["worker1"], [1, 2, 3]), (staff["worker3"], [4, 5]))
    assert answer.status_code == 200, answer.get_json()
    shift = answer.get_json()
    assert shift["shift_start"] == "2026-06-10T11:00:00+00:00" and shift["shift_end"] == "2026-06-10T19:00:00+00:00"
    read = login("worker3").get("/api/v1/units/1/assignments").get_json()
    assert {a["user_id"]: a["resident_ids"] for a in read["assignments"]} == {
        staff["worker1"]: [1, 2, 3],
        staff["worker3"]: [4, 5],
    }
    board = {r["id"]: r for r in login("worker1").get("/api/v1/units/1/board").get_json()["residents"]}
    assert (board[1]["assigned_user_id"], board[1]["assigned_name"]) == (staff["worker1"], "Wren Walker")
    assert board[4]["assigned_name"] == "Worker3" and board[6]["assigned_user_id"] is None
    again = assign(lead, (staff["worker3"], [1]))  # the lead's list replaces the shift's
    assert {a["user_id"]: a["resident_ids"] for a in again.get_json()["assignments"]} == {staff["worker3"]: [1]}
    log = login("nurse1").get("/api/v1/events?unit_id=1&kind=rounds.assigned").get_json()["items"]
    assert len(log) == 2 and log[-1]["data"]["assignments"] == [{"user_id": staff["worker3"], "resident_ids": [1]}]


def test_assignments_end_with_the_shift(login, staff, clock):
    assign(login("lead1"), (staff["worker1"], [1]))
    clock.now = datetime(2026, 6, 10, 19, 0, tzinfo=UTC)  # 15:00 in New York: the evening shift
    assert login("worker1").get("/api/v1/units/1/assignments").get_json()["assignments"] == []


def test_a_worker_takes_and_releases_their_own_residents_only(login, staff):
    worker, other = login("worker1"), login("worker3")
    assert assign(worker, (staff["worker1"], [1, 2])).status_code == 200
    assert assign(other, (staff["worker1"], [3])).status_code == 403
    clash = assign(other, (staff["worker3"], [2, 3]))
    assert clash.status_code == 409 and "lead" in clash.get_json()["message"]
    assert assign(other, (staff["worker3"], [3])).status_code == 200
    released = assign(worker, (staff["worker1"], [2]))  # lets go of 1, keeps 2; worker3 keeps 3
    assert {a["user_id"]: a["resident_ids"] for a in released.get_json()["assignments"]} == {
        staff["worker1"]: [2],
        staff["worker3"]: [3],
    }


@pytest.mark.parametrize(
    "pairs,words",
    [
        ([(999, [1])], "not on this unit's staff"),
        ([("w1", [13])], "does not live on this unit"),
        ([("w1", [1]), ("w3", [1])], "more than one person"),
    ],
)
def test_bad_assignments_are_422_naming_assignments(login, staff, pairs, words):
    ids = {"w1": staff["worker1"], "w3": staff["worker3"]}
    answer = assign(login("lead1"), *[(ids.get(u, u), r) for u, r in pairs])
    assert answer.status_code == 422 and words in answer.get_json()["errors"]["assignments"][0]


def test_an_admin_or_another_units_staff_is_not_assignable(login, staff, add_staff):
    add_staff("worker9", ["South"], role="worker")
    south = login("worker9").user["id"]
    assert assign(login("lead1"), (south, [1])).status_code == 422
    assert assign(login("lead1"), (staff["worker1"], [1]), unit_id=2).status_code == 404


def test_an_overdue_check_names_the_assigned_worker(demo, login, staff, clock):
    assign(login("lead1"), (staff["worker1"], [1]))
    login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=1))
    sweep(demo, clock.advance(minutes=17, seconds=30))
    alerts = login("nurse1").get("/api/v1/alerts?unit_id=1&status=open").get_json()["items"]
    overdue = next(a for a in alerts if a["kind"] == "check_overdue" and a["resident_id"] == 1)
    assert overdue["message"].endswith("assigned to Wren Walker")
    unassigned = next(a for a in alerts if a["kind"] == "check_overdue" and a["resident_id"] != 1)
    assert "assigned to" not in unassigned["message"]


def test_on_the_night_the_clocks_go_back_the_assignment_holds_for_all_nine_hours(login, staff, clock):
    clock.now = datetime(2026, 11, 1, 4, 0, tzinfo=UTC)  # 00:00 EDT, the night shift began at 23:00
    answer = assign(login("lead1"), (staff["worker1"], [1]))
    night = answer.get_json()
    assert (night["shift_start"], night["shift_end"]) == ("2026-11-01T03:00:00+00:00", "2026-11-01T12:00:00+00:00")
    clock.now = datetime(2026, 11, 1, 11, 30, tzinfo=UTC)  # 06:30 EST, eight and a half hours in
    board = {r["id"]: r for r in login("worker1").get("/api/v1/units/1/board").get_json()["residents"]}
    assert board[1]["assigned_name"] == "Wren Walker"
