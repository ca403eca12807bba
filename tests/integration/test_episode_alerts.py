"""Restraint and seclusion episodes: their legal clocks raise each alert at its threshold and clear it."""

from __future__ import annotations

from tests.conftest import iso, new_uid
from tests.integration.incidents_helpers import desk, noon, notifier, open_alerts  # noqa: F401

EPISODE_KINDS = (
    "restraint_started",
    "monitoring_overdue",
    "face_to_face_due",
    "face_to_face_overdue",
    "order_expiring",
    "order_expired",
)


def alerts(desk, kind):
    return open_alerts(desk.app, kind)


def held(desk, **over):
    """A report with a physical hold of Ana (resident 1) and the hold's episode, both at noon."""
    report = desk.file(interventions=["verbal_deescalation", "physical_hold"])
    return report, desk.start(report["id"], **over)


def test_a_report_with_a_hold_is_critical_and_the_episode_start_raises_restraint_started(desk):
    report, episode = held(desk)
    assert alerts(desk, "incident_submitted") == [("incident_submitted", "critical", 1)]
    assert alerts(desk, "restraint_started") == [("restraint_started", "critical", 1)]
    pushed = [p for e, p, _room in desk.pushes.sent if e == "alert" and p["kind"] == "restraint_started"]
    assert pushed and "Ana R. · N101" in pushed[0]["message"] and "Reyes" not in pushed[0]["message"]
    assert episode["order_expires_at"] == "2026-06-10T20:00:00+00:00"  # an adult: 4 hours
    assert episode["face_to_face_due_at"] == "2026-06-10T17:00:00+00:00"
    assert episode["next_monitoring_due_at"] == "2026-06-10T16:15:00+00:00"


def test_a_moderate_report_without_injury_or_restriction_is_a_warning_and_review_clears_it(desk):
    report = desk.file()
    assert alerts(desk, "incident_submitted") == [("incident_submitted", "warning", 1)]
    desk.step(desk.nurse, report["id"], "review")
    assert alerts(desk, "incident_submitted") == []


def test_an_injury_makes_the_incident_alert_critical(desk):
    desk.file(severity="low", injuries=[{"person": "resident", "resident_id": 2, "description": "scratch on arm"}])
    assert alerts(desk, "incident_submitted") == [("incident_submitted", "critical", 1)]


def test_monitoring_overdue_at_15_minutes_without_a_check_and_cleared_by_the_check(desk):
    _report, episode = held(desk)
    desk.at(minutes=14, seconds=59)
    desk.sweep()
    assert alerts(desk, "monitoring_overdue") == []
    desk.at(minutes=15)
    desk.sweep()
    desk.sweep()
    assert alerts(desk, "monitoring_overdue") == [("monitoring_overdue", "warning", 1)]
    answer = desk.on_episode(episode["id"], "monitoring", who=desk.worker, state="calm", checks=["breathing_ok"])
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["next_monitoring_due_at"] == "2026-06-10T16:30:00+00:00"
    assert alerts(desk, "monitoring_overdue") == []
    desk.at(minutes=29)
    desk.sweep()
    assert alerts(desk, "monitoring_overdue") == []
    desk.at(minutes=30)
    desk.sweep()
    assert alerts(desk, "monitoring_overdue") == [("monitoring_overdue", "warning", 1)]


def test_face_to_face_due_at_45_minutes_overdue_and_critical_at_60_and_cleared_when_done(desk):
    _report, episode = held(desk)
    for minutes in (14, 29, 44):
        desk.at(minutes=minutes)
        desk.on_episode(episode["id"], "monitoring", who=desk.worker)
    desk.sweep()
    assert alerts(desk, "face_to_face_due") == []
    desk.at(minutes=45)
    desk.sweep()
    assert alerts(desk, "face_to_face_due") == [("face_to_face_due", "warning", 1)]
    desk.at(minutes=59)
    desk.on_episode(episode["id"], "monitoring", who=desk.worker)
    desk.at(minutes=60)
    desk.sweep()
    assert alerts(desk, "face_to_face_due") == []
    assert alerts(desk, "face_to_face_overdue") == [("face_to_face_overdue", "critical", 1)]
    done = desk.on_episode(episode["id"], "face-to-face", findings="calm, no injury; continue the hold")
    assert done.status_code == 201, done.get_json()
    assert done.get_json()["face_to_face_at"] == iso(desk.clock.now) and done.get_json()["face_to_face_due_at"] is None
    assert alerts(desk, "face_to_face_overdue") == []
    again = desk.on_episode(episode["id"], "face-to-face", findings="again")
    assert again.status_code == 409


def test_order_expiring_15_minutes_before_expired_at_its_end_and_a_renewal_clears_both(desk):
    _report, episode = held(desk)
    desk.on_episode(episode["id"], "face-to-face", findings="agitated; continue")
    desk.at(hours=3, minutes=44)
    desk.on_episode(episode["id"], "monitoring", who=desk.worker)
    desk.sweep()
    assert alerts(desk, "order_expiring") == []
    desk.at(hours=3, minutes=45)
    desk.sweep()
    assert alerts(desk, "order_expiring") == [("order_expiring", "warning", 1)]
    desk.at(hours=3, minutes=55)
    desk.on_episode(episode["id"], "monitoring", who=desk.worker)
    desk.at(hours=4)
    desk.sweep()
    assert alerts(desk, "order_expiring") == [] and alerts(desk, "order_expired") == [("order_expired", "critical", 1)]
    renewal = desk.nurse.post(
        f"/api/v1/episodes/{episode['id']}/renew",
        json={"uid": new_uid(), "ordered_by": "Dr A. Osei", "ordered_at": iso(desk.clock.now)},
    )
    assert renewal.status_code == 201, renewal.get_json()
    assert renewal.get_json()["order_expires_at"] == "2026-06-11T00:00:00+00:00"
    assert [o["renewal"] for o in renewal.get_json()["orders"]] == [False, True]
    assert alerts(desk, "order_expired") == [] and alerts(desk, "order_expiring") == []


def test_renewals_stop_at_24_hours_from_the_start(desk):
    _report, episode = held(desk)
    desk.on_episode(episode["id"], "face-to-face", findings="continue")
    for hours in (4, 8, 12, 16, 21):
        desk.at(hours=hours)
        answer = desk.nurse.post(
            f"/api/v1/episodes/{episode['id']}/renew",
            json={"uid": new_uid(), "ordered_by": "Dr Osei", "ordered_at": iso(desk.clock.now)},
        )
        assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["order_expires_at"] == "2026-06-11T16:00:00+00:00"  # 24 h from the start, not 21 + 4
    desk.at(hours=23)
    refused = desk.nurse.post(
        f"/api/v1/episodes/{episode['id']}/renew",
        json={"uid": new_uid(), "ordered_by": "Dr Osei", "ordered_at": iso(desk.clock.now)},
    )
    assert refused.status_code == 422 and "24 hours" in refused.get_json()["errors"]["ordered_at"][0]


def test_ending_the_episode_stops_the_clocks_and_resolves_every_alert(desk):
    _report, episode = held(desk)
    desk.at(hours=1)
    desk.sweep()
    assert {a[0] for a in open_alerts(desk.app)} >= {"restraint_started", "monitoring_overdue", "face_to_face_overdue"}
    ended = desk.on_episode(episode["id"], "end", note="calm, released")
    assert ended.status_code == 200, ended.get_json()
    assert ended.get_json()["status"] == "ended" and ended.get_json()["minutes"] == 60
    assert ended.get_json()["next_monitoring_due_at"] is None
    assert [a for a in open_alerts(desk.app) if a[0] in EPISODE_KINDS] == []
    desk.at(hours=5)
    desk.sweep()
    assert [a for a in open_alerts(desk.app) if a[0] in EPISODE_KINDS] == []
    assert desk.on_episode(episode["id"], "end").status_code == 409
    assert desk.on_episode(episode["id"], "monitoring", who=desk.worker).status_code == 409


def test_a_child_under_9_has_a_one_hour_order_and_a_teen_two_hours(desk, login):
    admin = login("admin")
    ids = []
    for born in ("2018-01-15", "2012-06-10"):
        answer = admin.post(
            "/api/v1/residents",
            json={
                "unit_id": 1,
                "first_name": "Kid",
                "last_name": "Young",
                "date_of_birth": born,
                "room": "N120",
                "admitted_at": iso(desk.clock.now.replace(hour=10)),
                "observation_level": "q15",
            },
        )
        assert answer.status_code == 201, answer.get_json()
        ids.append(answer.get_json()["id"])
    report = desk.file(resident_ids=ids, interventions=["physical_hold"])
    child = desk.start(report["id"], resident_id=ids[0])
    teen = desk.start(report["id"], resident_id=ids[1], kind="seclusion")  # 14 today
    assert child["order_expires_at"] == "2026-06-10T17:00:00+00:00" and child["order_minutes"] == 60
    assert teen["order_expires_at"] == "2026-06-10T18:00:00+00:00" and teen["order_minutes"] == 120
