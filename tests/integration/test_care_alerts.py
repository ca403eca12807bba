"""poor_intake and return_overdue as a nurse's console sees them, with the clock moved explicitly."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import new_uid
from tests.integration.care_helpers import NOON, care, noon, notifier, open_alerts  # noqa: F401


def test_two_meals_in_a_row_under_25_percent_raise_poor_intake_and_a_good_meal_resolves_it(noon, care):
    breakfast = noon.now - timedelta(hours=1)
    care.ok(care.meal(20, at=breakfast, meal="breakfast"))
    assert open_alerts(care.app, "poor_intake") == []
    care.ok(care.meal(10))
    assert open_alerts(care.app, "poor_intake") == [("poor_intake", "warning", 4)]
    pushed = [p for e, p, _ in care.pushes.sent if e == "alert" and p["kind"] == "poor_intake"]
    assert pushed[0]["message"] == "Dev P. · N104: poor intake — breakfast 20 %, lunch 10 %"
    care.clock.advance(hours=5)
    care.ok(care.meal(30, meal="dinner"))
    assert open_alerts(care.app, "poor_intake") == []


def test_a_good_meal_in_between_means_no_poor_intake(noon, care):
    care.ok(care.meal(10, at=noon.now - timedelta(hours=1), meal="breakfast"))
    care.ok(care.meal(80))
    care.clock.advance(hours=5)
    care.ok(care.meal(5, meal="dinner"))
    assert open_alerts(care.app, "poor_intake") == []


def test_a_late_good_meal_entered_in_its_place_resolves_poor_intake(noon, care):
    care.ok(care.meal(10, at=noon.now - timedelta(hours=1, minutes=30), meal="breakfast"))
    care.clock.advance(hours=5)
    care.ok(care.meal(15, meal="dinner"))
    assert open_alerts(care.app, "poor_intake") == [("poor_intake", "warning", 4)]
    late = care.ok(care.meal(70, at=NOON, meal="lunch"))  # lunch was eaten at noon, typed at 17:00
    assert late["late_entry"] is True
    assert open_alerts(care.app, "poor_intake") == []


def test_a_meal_that_did_not_occur_does_not_count_as_poor(noon, care):
    care.ok(care.meal(10, at=noon.now - timedelta(hours=1), meal="breakfast"))
    care.ok(care.meal(0, support="did_not_occur"))
    assert open_alerts(care.app, "poor_intake") == []


def test_voiding_the_second_poor_meal_resolves_poor_intake(noon, care):
    care.ok(care.meal(10, at=noon.now - timedelta(hours=1), meal="breakfast"))
    lunch = care.ok(care.meal(10))
    answer = care.nurse.post(f"/api/v1/events/{lunch['uid']}/void", json={"uid": new_uid(), "reason": "wrong resident"})
    assert answer.status_code == 201, answer.get_json()
    assert open_alerts(care.app, "poor_intake") == []


def mine(alerts, resident_id):
    return [(kind, severity) for kind, severity, rid in alerts if rid == resident_id]


def test_a_resident_not_back_by_the_expected_return_raises_return_overdue_until_signed_in(noon, care):
    outing = care.ok(care.sign_out(minutes_out=60, escort_id=care.worker.user["id"]))
    care.clock.advance(minutes=60)
    care.sweep()
    assert mine(open_alerts(care.app, "return_overdue"), 4) == []
    care.clock.advance(seconds=30)
    care.sweep()
    care.sweep()
    assert mine(open_alerts(care.app, "return_overdue"), 4) == [("return_overdue", "warning")]
    board = care.ok(care.worker.get("/api/v1/units/1/outings"), 200)
    assert [o["overdue"] for o in board if o["id"] == outing["id"]] == [True]
    [warning] = [
        a for a in care.nurse.get("/api/v1/alerts?status=open").get_json()["items"] if a["kind"] == "return_overdue"
    ]
    assert care.nurse.post(f"/api/v1/alerts/{warning['id']}/ack", json={"note": "phoned the escort"}).status_code == 200
    care.clock.advance(minutes=29)
    care.sweep()
    assert mine(open_alerts(care.app, "return_overdue"), 4) == [("return_overdue", "warning")]
    care.clock.advance(minutes=1)
    care.sweep()  # acknowledged, yet still out half an hour late: a critical alert of its own
    assert mine(open_alerts(care.app, "return_overdue"), 4) == [
        ("return_overdue", "warning"),
        ("return_overdue", "critical"),
    ]
    back = care.ok(care.sign_in(outing["id"]), 200)
    assert back["returned_at"] is not None
    assert mine(open_alerts(care.app, "return_overdue"), 4) == []
    care.sweep()
    assert mine(open_alerts(care.app, "return_overdue"), 4) == []


def test_a_signed_in_resident_raises_no_return_overdue(noon, care):
    outing = care.ok(care.sign_out(minutes_out=30))
    care.clock.advance(minutes=20)
    care.ok(care.sign_in(outing["id"]), 200)
    care.clock.advance(hours=2)
    care.sweep()
    assert mine(open_alerts(care.app, "return_overdue"), 4) == []
