"""The handoff's incidents and episodes sections, built from records made through the API."""

from __future__ import annotations

from datetime import timedelta

from tests.integration.incidents_helpers import NOON, desk, noon, notifier  # noqa: F401


def handoff(desk, login):
    desk.clock.now = NOON + timedelta(hours=3, minutes=5)  # 15:05: the 07:00–15:00 shift has ended
    answer = login("lead1").post("/api/v1/handoffs", json={"unit_id": 1})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def entry(summary, rid):
    return next(r for r in summary["residents"] if r["resident_id"] == rid)


def test_a_high_incident_with_a_hold_makes_its_resident_unstable_with_the_pending_review_and_face_to_face(desk, login):
    report = desk.file(severity="high", resident_ids=[1], interventions=["verbal_deescalation", "physical_hold"])
    episode = desk.start(report["id"], resident_id=1)
    desk.at(minutes=30)
    desk.on_episode(episode["id"], "end")
    calm = desk.file(resident_ids=[3], severity="low")
    desk.step(desk.nurse, calm["id"], "review")
    built = handoff(desk, login)
    summary = built["summary"]
    assert summary["incidents"]["new"] == 2 and summary["incidents"]["open_for_review"] == 1
    assert summary["incidents"]["reviewed"] == 1 and summary["incidents"]["closed"] == 0
    assert summary["episodes"]["restraint_minutes"] == 30 and summary["episodes"]["seclusion_minutes"] == 0
    assert summary["episodes"]["running"] == []
    ana = entry(summary, 1)
    assert ana["severity"] == "unstable"
    assert any(a.startswith("incident review pending: physical aggression peer (high)") for a in ana["actions"])
    assert any(a.startswith("face-to-face evaluation pending (overdue since 13:00)") for a in ana["actions"])
    assert entry(summary, 3)["severity"] == "watcher" and entry(summary, 3)["actions"] == []
    page = login("lead1").get(f"/handoffs/{built['id']}")
    assert page.status_code == 200 and b"30 min of restraint" in page.data and b"1 report open for review" in page.data


def test_a_running_episode_is_carried_over_with_its_clocks(desk, login):
    report = desk.file(resident_ids=[2], interventions=["seclusion"])
    episode = desk.start(report["id"], resident_id=2, kind="seclusion")
    desk.at(hours=2, minutes=50)
    desk.on_episode(episode["id"], "face-to-face", findings="calmer; continue")
    desk.on_episode(episode["id"], "monitoring", who=desk.worker)
    summary = handoff(desk, login)["summary"]
    assert summary["episodes"]["seclusion_minutes"] == 180  # noon to the end of the shift
    [running] = summary["episodes"]["running"]
    assert running["id"] == episode["id"] and running["next_monitoring_due_at"] == "2026-06-10T19:05:00+00:00"
    assert running["face_to_face_due_at"] is None
    ben = entry(summary, 2)
    assert ben["severity"] == "unstable"
    assert "seclusion running since 12:00: monitor by 15:05, order until 16:00" in ben["actions"]
