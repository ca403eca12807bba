"""Rounds alerts through the registry: raised by checks and by the sweep, resolved by later checks."""

from datetime import timedelta

import pytest

from facility.scheduler import sweep
from tests.conftest import iso, new_uid
from tests.integration.rounds_helpers import check_body, notifier, open_alerts  # noqa: F401

pytestmark = pytest.mark.usefixtures("notifier")


def mine(alerts, resident_id):
    return [(kind, severity) for kind, severity, rid in alerts if rid == resident_id]


def test_a_missed_q15_check_raises_one_critical_alert_at_due_plus_grace(demo, login, clock):
    login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=1))
    sweep(demo, clock.advance(minutes=16, seconds=59))
    assert mine(open_alerts(demo, "check_overdue"), 1) == []
    sweep(demo, clock.advance(seconds=1))
    sweep(demo, clock.advance(seconds=30))
    assert mine(open_alerts(demo, "check_overdue"), 1) == [("check_overdue", "critical")]


def test_a_missed_q60_check_is_a_warning(demo, login, clock):
    login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=4))
    sweep(demo, clock.advance(minutes=62))
    assert mine(open_alerts(demo, "check_overdue"), 4) == [("check_overdue", "warning")]


def test_the_next_check_resolves_the_overdue_alert_and_the_console_hears_it(demo, login, clock, notifier):
    login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=1))
    sweep(demo, clock.advance(minutes=18))
    raised = [p for e, p, _ in notifier.sent if e == "alert" and p["kind"] == "check_overdue" and p["resident_id"] == 1]
    assert len(raised) == 1 and "Ana R." in raised[0]["message"] and "Reyes" not in raised[0]["message"]
    login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=1))
    assert mine(open_alerts(demo, "check_overdue"), 1) == []
    assert ("alert_resolved", raised[0]["id"]) in [(e, p["id"]) for e, p, _ in notifier.sent]


def test_a_late_entered_check_that_leaves_the_resident_overdue_does_not_resolve_it(demo, login, clock):
    login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=1))
    sweep(demo, clock.advance(minutes=40))
    late = check_body(clock, resident_id=1, occurred_at=iso(clock.now - timedelta(minutes=20)))
    assert login("worker1").post("/api/v1/rounds/checks", json=late).get_json()["late_entry"] is True
    assert mine(open_alerts(demo, "check_overdue"), 1) == [("check_overdue", "critical")]


def test_a_level_change_to_a_longer_interval_lets_the_sweep_resolve_the_alert(demo, login, clock):
    login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=1))
    sweep(demo, clock.advance(minutes=20))
    change = {"uid": new_uid(), "occurred_at": iso(clock.now), "level": "q60", "reason": "settled all evening"}
    assert login("nurse1").post("/api/v1/residents/1/observation-level", json=change).status_code == 201
    sweep(demo, clock.advance(seconds=30))
    assert mine(open_alerts(demo, "check_overdue"), 1) == []


def test_unable_to_locate_raises_resident_missing_until_a_check_finds_them(demo, login, clock):
    worker = login("worker1")
    worker.post(
        "/api/v1/rounds/checks", json=check_body(clock, resident_id=5, location="unable_to_locate", state="not_seen")
    )
    assert mine(open_alerts(demo), 5) == [("resident_missing", "critical")]
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=5, location="courtyard"))
    assert mine(open_alerts(demo), 5) == []


def test_asleep_without_breathing_observed_is_critical(demo, login, clock):
    body = check_body(clock, resident_id=2, state="asleep", breathing_observed=False)
    login("worker1").post("/api/v1/rounds/checks", json=body)
    assert mine(open_alerts(demo), 2) == [("breathing_not_observed", "critical")]


@pytest.mark.parametrize("state,severity", [("agitated", "warning"), ("self_harm_behavior", "critical")])
def test_behaviour_change_raises_an_alert_by_state(demo, login, clock, state, severity):
    login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=3, state=state))
    assert mine(open_alerts(demo), 3) == [("behavior_change", severity)]


def test_replaying_a_check_raises_nothing_twice(demo, login, clock):
    worker, body = login("worker1"), check_body(clock, resident_id=3, state="agitated")
    worker.post("/api/v1/rounds/checks", json=body)
    worker.post("/api/v1/rounds/checks", json=body)
    assert mine(open_alerts(demo), 3) == [("behavior_change", "warning")]


def test_the_board_carries_a_residents_open_alerts_in_words_until_a_check_resolves_them(demo, login, clock):
    worker = login("worker1")
    worker.post(
        "/api/v1/rounds/checks", json=check_body(clock, resident_id=5, location="unable_to_locate", state="not_seen")
    )
    row = next(r for r in worker.get("/api/v1/units/1/board").get_json()["residents"] if r["id"] == 5)
    [alert] = [a for a in row["alerts"] if a["kind"] == "resident_missing"]
    assert alert["severity"] == "critical" and alert["message"].startswith("Unable to locate")
    assert alert["acknowledged_at"] is None and row["open_alerts"] == len(row["alerts"])
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=5, location="courtyard"))
    row = next(r for r in worker.get("/api/v1/units/1/board").get_json()["residents"] if r["id"] == 5)
    assert not [a for a in row["alerts"] if a["kind"] == "resident_missing"]
