"""Compliance by staff member in the rounds report and the handoff: on time, validated by scan, reasons."""

from datetime import UTC, datetime

import pytest

from tests.conftest import Clock
from tests.integration.rounds_helpers import check_body, notifier  # noqa: F401

pytestmark = pytest.mark.usefixtures("notifier")


@pytest.fixture
def clock():
    """06:50 in New York, ten minutes before the day shift."""
    return Clock.at(datetime(2026, 3, 2, 11, 50, tzinfo=UTC))


def at(hour, minute):
    return datetime(2026, 3, 2, hour, minute, tzinfo=UTC)


@pytest.fixture
def shift(login, add_staff, clock):
    """The day shift's first hour (07:00 = 12:00 UTC): worker1 scans resident 1's room every 15 minutes;
    worker3 checks resident 2, scanning once, twice giving a reason, the last one late. Read at 08:00."""
    add_staff("worker3", ["North"], role="worker")
    rooms = {
        c["room"]: c["token"]
        for c in login("lead1").get("/api/v1/units/1/presence-codes").get_json()
        if c["kind"] == "room"
    }
    scan = {1: {"method": "scanned", "token": rooms["N101"]}, 2: {"method": "scanned", "token": rooms["N102"]}}
    reason = {"method": "tapped", "reason": "asleep, door closed"}
    plan = [
        (at(11, 55), "worker1", 1, scan[1]),
        (at(11, 55), "worker1", 2, scan[2]),  # before the shift
        (at(12, 5), "worker1", 1, scan[1]),
        (at(12, 5), "worker3", 2, scan[2]),
        (at(12, 20), "worker1", 1, scan[1]),
        (at(12, 20), "worker3", 2, reason),
        (at(12, 35), "worker1", 1, scan[1]),
        (at(12, 45), "worker3", 2, reason),
    ]
    for moment, who, resident, presence in plan:
        clock.now = moment
        answer = login(who).post(
            "/api/v1/rounds/checks", json=check_body(clock, resident_id=resident, presence=presence)
        )
        assert answer.status_code == 201, answer.get_json()
    clock.now = at(13, 0)
    return {"wren": login("worker1").user["id"], "kit": login("worker3").user["id"]}


def test_the_report_shows_on_time_and_validated_per_staff_member(login, shift):
    answer = login("lead1").get(
        "/api/v1/reports/rounds",
        query_string={"unit_id": 1, "from": "2026-03-02T12:00:00+00:00", "to": "2026-03-02T13:00:00+00:00"},
    )
    assert answer.status_code == 200, answer.get_json()
    [day] = answer.get_json()["shifts"]
    staff = {row["user_id"]: row for row in day["by_staff"]}
    assert staff[shift["wren"]]["name"] == "Wren Walker"
    assert staff[shift["kit"]]["name"] == "Worker3"
    assert day["unscanned_reasons"] == {"asleep, door closed": 2}
    assert staff[shift["kit"]]["unscanned_reasons"] == {"asleep, door closed": 2}
    assert staff[shift["wren"]]["validated_pct"] == 100.0
    assert staff[shift["kit"]]["validated_pct"] == pytest.approx(100 / 3, abs=0.1)
    assert day["validated_pct"] == pytest.approx(100 * 4 / 6, abs=0.1)
    assert staff[shift["wren"]]["checks"] + staff[shift["kit"]]["checks"] == day["checks"]
    assert (staff[shift["wren"]]["on_time_pct"], staff[shift["kit"]]["on_time_pct"]) == (100.0, pytest.approx(66.7))


def test_the_handoff_and_its_page_show_the_same_per_staff_figures(login, shift, clock):
    clock.now = datetime(2026, 3, 2, 20, 5, tzinfo=UTC)  # 15:05: the day shift has ended
    lead = login("lead1")
    built = lead.post("/api/v1/handoffs", json={"unit_id": 1})
    assert built.status_code in (200, 201), built.get_json()
    rounds = built.get_json()["summary"]["rounds"]
    staff = {row["name"]: row for row in rounds["by_staff"]}
    assert staff["Wren Walker"]["validated_pct"] == 100.0 and staff["Worker3"]["checks"] == 3
    assert rounds["unscanned_reasons"] == {"asleep, door closed": 2}
    page = lead.get(f"/handoffs/{built.get_json()['id']}").get_data(as_text=True)
    assert "By staff member" in page and "Wren Walker" in page and "asleep, door closed (2)" in page
