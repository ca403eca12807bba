"""Time rules of the medication domain, PRN limits and follow-ups, and the handoff's medication section."""

from __future__ import annotations

from tests.conftest import new_uid
from tests.integration.medobs_helpers import at_local, med, noon, notifier, open_alerts  # noqa: F401


def test_an_unobserved_dose_turns_missed_and_raises_dose_missed_when_its_window_closes(med):
    order = med.order()
    med.clock.now = at_local("12:59")
    med.sweep()
    assert open_alerts(med.app, "dose_missed") == []
    med.clock.now = at_local("13:00")
    med.sweep()
    med.sweep()
    assert open_alerts(med.app, "dose_missed") == [("dose_missed", "warning", 4)]
    dose = next(d for d in med.med_pass()["doses"] if d["order_id"] == order["id"] and d["time"] == "12:00")
    assert dose["status"] == "missed"


def test_an_observed_dose_raises_no_dose_missed(med):
    order = med.order()
    med.observe(order["id"])
    med.clock.now = at_local("13:30")
    med.sweep()
    assert open_alerts(med.app, "dose_missed") == []


def test_a_late_observation_resolves_dose_missed_and_it_is_not_raised_again(med):
    order = med.order()
    med.clock.now = at_local("13:05")
    med.sweep()
    assert len(open_alerts(med.app, "dose_missed")) == 1
    answer = med.observe(order["id"], scheduled_for="2026-06-10T16:00:00+00:00", late_reason="found in the garden")
    assert answer.status_code == 201, answer.get_json()
    assert open_alerts(med.app, "dose_missed") == []
    med.sweep()
    assert open_alerts(med.app, "dose_missed") == []


def test_a_dose_given_after_its_window_closed_needs_the_reason_it_is_late(med):
    order = med.order()
    med.clock.now = at_local("13:05")
    late = "2026-06-10T16:00:00+00:00"  # the 12:00 dose, window 11:00-13:00 local
    refused = med.observe(order["id"], scheduled_for=late)
    assert refused.status_code == 422
    assert "window closed at 13:00" in refused.get_json()["errors"]["late_reason"][0]
    assert med.observe(order["id"], scheduled_for=late, late_reason="  ").status_code == 422
    stored = med.observe(order["id"], scheduled_for=late, late_reason="resident was at the dentist")
    assert stored.status_code == 201, stored.get_json()
    assert stored.get_json()["late_reason"] == "resident was at the dentist"
    dose = next(d for d in med.med_pass()["doses"] if d["order_id"] == order["id"] and d["time"] == "12:00")
    assert dose["observation"]["late_reason"] == "resident was at the dentist"


def test_a_dose_in_its_window_needs_no_late_reason(med):
    order = med.order()
    med.clock.now = at_local("12:59")
    assert med.observe(order["id"], scheduled_for="2026-06-10T16:00:00+00:00").status_code == 201


def test_a_dose_whose_window_closed_before_the_order_is_not_missed(med):
    med.order(times=["08:00"])
    med.sweep()
    assert open_alerts(med.app, "dose_missed") == []


def test_a_prn_needs_its_indication(med):
    order = med.prn()
    answer = med.observe(order["id"])
    assert answer.status_code == 422 and "prn_indication" in answer.get_json()["errors"]


def test_a_prn_past_its_24_hour_maximum_is_refused_with_a_clear_message(med):
    order = med.prn()  # at most 2 in 24 h
    assert med.observe(order["id"], prn_indication="pacing").status_code == 201
    med.clock.advance(hours=3)
    assert med.observe(order["id"], prn_indication="pacing").status_code == 201
    med.clock.advance(hours=3)
    refused = med.observe(order["id"], prn_indication="pacing")
    assert refused.status_code == 422
    message = refused.get_json()["errors"]["prn_max_per_24h"][0]
    assert "at most 2 times in 24 hours" in message and "Tell the nurse" in message
    assert "12:00" in message  # the first dose turns 24 h old at noon tomorrow
    med.clock.now = at_local("12:01", "2026-06-11")
    assert med.observe(order["id"], prn_indication="pacing").status_code == 201


def test_a_refused_prn_does_not_count_against_the_maximum(med):
    order = med.prn()
    for _ in range(3):
        assert med.observe(order["id"], outcome="refused", prn_indication="pacing").status_code == 201
    assert med.observe(order["id"], prn_indication="pacing").status_code == 201


def test_a_prn_follow_up_falls_due_in_60_minutes_and_is_overdue_30_minutes_later(med):
    order = med.prn()
    given = med.observe(order["id"], prn_indication="pacing").get_json()
    assert given["followup_due_at"] == "2026-06-10T17:00:00+00:00"
    waiting = next(p for p in med.med_pass()["prn"] if p["order_id"] == order["id"])
    assert [f["uid"] for f in waiting["followups_due"]] == [given["uid"]]
    med.clock.now = at_local("13:29")
    med.sweep()
    assert open_alerts(med.app, "prn_followup_overdue") == []
    med.clock.now = at_local("13:30")
    med.sweep()
    assert open_alerts(med.app, "prn_followup_overdue") == [("prn_followup_overdue", "warning", 4)]
    answer = med.worker.post(
        "/api/v1/medobs/followups",
        json={
            "uid": new_uid(),
            "resident_id": 4,
            "observation_uid": given["uid"],
            "occurred_at": med.clock.now.isoformat(),
            "effect": "effective",
        },
    )
    assert answer.status_code == 201, answer.get_json()
    assert open_alerts(med.app, "prn_followup_overdue") == []
    assert next(p for p in med.med_pass()["prn"] if p["order_id"] == order["id"])["followups_due"] == []


def test_the_handoff_lists_refusals_and_makes_the_resident_a_watcher(med, login):
    order = med.order(times=["12:00", "15:30"])
    med.observe(order["id"], outcome="refused")
    med.clock.now = at_local("15:05")
    lead = login("lead1")
    answer = lead.post("/api/v1/handoffs", json={"unit_id": 1})
    assert answer.status_code == 201, answer.get_json()
    summary = answer.get_json()["summary"]
    assert summary["medication"]["refusals"] == 1
    resident = next(r for r in summary["residents"] if r["resident_id"] == 4)
    assert resident["severity"] == "watcher"
    assert any("refused risperidone" in reason for reason in resident["reasons"])
    assert "dose due 15:30: risperidone 1 tablet" in resident["actions"]


def test_the_handoff_carries_side_effects_prns_and_their_follow_ups(med, login):
    order, prn = med.order(times=["12:00"]), med.prn()
    med.observe(order["id"], side_effects=["drowsiness"])
    med.clock.now = at_local("14:10")
    given = med.observe(prn["id"], prn_indication="pacing").get_json()
    med.clock.now = at_local("15:05")
    lead = login("lead1")
    summary = lead.post("/api/v1/handoffs", json={"unit_id": 1}).get_json()["summary"]
    assert summary["medication"]["side_effects"] == 1 and summary["medication"]["prn_given"] == 1
    assert summary["medication"]["followups_open"] == 1
    resident = next(r for r in summary["residents"] if r["resident_id"] == 4)
    assert resident["severity"] == "watcher"
    assert "side effect: drowsiness" in resident["reasons"]
    assert "12:00 side effect after risperidone: drowsiness" in resident["events"]
    assert "14:10 PRN hydroxyzine given for pacing — follow-up not documented" in resident["events"]
    assert "PRN hydroxyzine follow-up due 15:10" in resident["actions"]
    assert given["followup_due_at"] == at_local("15:10").isoformat()
