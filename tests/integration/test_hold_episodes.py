"""A hold, restraint or seclusion on an incident report reaches the restraint record: the submission opens an
episode for the nurse to complete (or links the one a nurse started), and HBIPS says "not determinable" until
the nurse has completed it — never zero hours."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import iso, new_uid
from tests.integration.incidents_helpers import NOON, desk, episode_body, noon, notifier, open_alerts, report_body  # noqa: F401

JUNE_10, JUNE_12 = "2026-06-10T00:00:00-04:00", "2026-06-12T00:00:00-04:00"
HBIPS = f"/api/v1/reports/hbips?unit_id=1&from={JUNE_10}&to={JUNE_12}"


def held(desk, **over):
    """Ana (resident 1) held in the dayroom ten minutes ago, as a worker reports it."""
    return desk.file(resident_ids=[1], interventions=["verbal_deescalation", "physical_hold"], **over)


def events(desk, kind):
    answer = desk.nurse.get(f"/api/v1/events?unit_id=1&kind={kind}")
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()["items"]


def test_a_reported_hold_opens_an_episode_to_complete_linked_both_ways_and_tells_the_nurses(desk):
    report = held(desk)
    [episode] = desk.read(report["id"])["episodes"]
    assert episode["kind"] == "physical_hold" and episode["resident_id"] == 1
    assert episode["started_at"] == report["occurred_at"] == iso(NOON - timedelta(minutes=10))
    assert episode["opened_from_report"] and episode["to_complete"] and episode["missing"] == ["order", "end"]
    assert episode["orders"] == [] and episode["order_expires_at"] is None and episode["ended_at"] is None
    from_episode = desk.nurse.get(f"/api/v1/episodes/{episode['id']}").get_json()
    assert from_episode["incident_id"] == report["id"] and from_episode["incident_ids"] == [report["id"]]
    # Created by an event of the log, by the worker who submitted, in the submission's transaction.
    [opened] = events(desk, "episode.opened")
    assert opened["data"] == {"incident_id": report["id"], "kind": "physical_hold"} and opened["resident_id"] == 1
    # The nurses' task: the console lists it, and it was pushed to the unit's room after the commit.
    listed = desk.nurse.get("/api/v1/alerts?unit_id=1&status=open").get_json()["items"]
    [task] = [a for a in listed if a["kind"] == "restraint_started"]
    assert task["severity"] == "critical" and task["resident_id"] == 1
    assert f"incident #{report['id']}" in task["message"] and "to complete" in task["message"]
    assert "Reyes" not in task["message"]  # first name, last initial and room only
    pushed = [p for e, p, _room in desk.pushes.sent if e == "alert" and p["kind"] == "restraint_started"]
    assert [p["id"] for p in pushed] == [task["id"]]


def test_sending_or_syncing_the_same_report_again_opens_no_second_episode_nor_a_second_task(desk):
    body = report_body(desk.clock, resident_ids=[1], interventions=["seclusion"])
    assert desk.worker.post("/api/v1/incidents", json=body).status_code == 201
    again = desk.worker.post("/api/v1/incidents", json=body)
    assert again.status_code == 200
    synced = desk.worker.post("/api/v1/sync", json={"records": [{"type": "incident", "body": body}]})
    assert [r["status"] for r in synced.get_json()["results"]] == [200]
    assert len(desk.read(again.get_json()["id"])["episodes"]) == 1
    assert len(events(desk, "episode.opened")) == 1
    assert open_alerts(desk.app, "restraint_started") == [("restraint_started", "critical", 1)]


def test_a_draft_opens_its_episodes_when_it_is_submitted_once(desk):
    draft = desk.file(status="draft", resident_ids=[2], interventions=["mechanical_restraint", "seclusion"])
    assert desk.read(draft["id"])["episodes"] == []
    step = {"uid": new_uid()}
    assert desk.step(desk.worker, draft["id"], "submit", **step).status_code == 200
    assert desk.step(desk.worker, draft["id"], "submit", **step).status_code == 200  # the tablet retried
    kinds = [e["kind"] for e in desk.read(draft["id"])["episodes"]]
    assert kinds == ["mechanical_restraint", "seclusion"]
    assert len(open_alerts(desk.app, "restraint_started")) == 2


def test_a_report_of_a_hold_the_nurse_already_documented_is_linked_to_that_episode(desk):
    earlier = desk.file(who=desk.nurse, resident_ids=[1, 2], interventions=["physical_hold"])
    desk.at(minutes=-5)
    nurses = desk.start(earlier["id"], resident_id=1, started_at=iso(desk.clock.now), ordered_at=iso(desk.clock.now))
    desk.at(minutes=5)
    report = held(desk)  # the worker's report of the same crisis, ten minutes ago (before the hold began)
    [episode] = desk.read(report["id"])["episodes"]
    assert episode["id"] == nurses["id"] and not episode["opened_from_report"] and not episode["to_complete"]
    assert desk.nurse.get(f"/api/v1/episodes/{nurses['id']}").get_json()["incident_ids"] == [
        earlier["id"],
        report["id"],
    ]
    assert events(desk, "episode.opened") == [] and len(events(desk, "episode.linked")) == 1
    assert open_alerts(desk.app, "restraint_started") == [("restraint_started", "critical", 1)]


def test_the_nurse_completes_the_episode_and_only_then_hbips_counts_its_hours(desk, login):
    report = held(desk)
    [opened] = desk.read(report["id"])["episodes"]
    lead = login("lead1")
    before = lead.get(HBIPS).get_json()
    assert before["not_determinable_incidents"] == [report["id"]] and before["not_determinable_incident_count"] == 1
    assert before["hours_determinable"] is False and before["not_determinable"] == [opened["id"]]
    renew = desk.nurse.post(
        f"/api/v1/episodes/{opened['id']}/renew",
        json={"uid": new_uid(), "ordered_by": "Dr A. Osei", "ordered_at": iso(desk.clock.now)},
    )
    assert renew.status_code == 409 and "enter the order first" in renew.get_json()["message"]

    started = NOON - timedelta(minutes=8)  # the nurse's record: the hold began two minutes after the incident
    body = episode_body(desk.clock, resident_id=1, started_at=iso(started), ordered_at=iso(started))
    completed = desk.nurse.post(f"/api/v1/incidents/{report['id']}/episodes", json=body)
    assert completed.status_code == 201, completed.get_json()
    episode = completed.get_json()
    assert episode["id"] == opened["id"] and episode["started_at"] == iso(started)
    assert episode["missing"] == ["end"] and episode["order_expires_at"] == iso(started + timedelta(hours=4))
    replay = desk.nurse.post(f"/api/v1/incidents/{report['id']}/episodes", json=body)
    assert replay.status_code == 200 and replay.get_json()["id"] == opened["id"]
    assert len(desk.read(report["id"])["episodes"]) == 1
    assert lead.get(HBIPS).get_json()["not_determinable_incidents"] == [report["id"]]  # no end yet

    desk.at(minutes=12, seconds=30)  # 20 min 30 s of restraint: 21 minutes
    assert desk.on_episode(opened["id"], "end").status_code == 200
    assert desk.read(report["id"])["episodes"][0]["to_complete"] is False
    after = lead.get(HBIPS).get_json()
    assert after["not_determinable_incidents"] == [] and after["not_determinable"] == []
    assert after["hours_determinable"] is True and after["restraint_hours"] == round(21 / 60, 4)
    assert open_alerts(desk.app, "restraint_started") == []


def test_a_report_about_several_residents_opens_an_episode_for_each_resident_it_says_was_held(desk):
    body = report_body(desk.clock, interventions=["verbal_deescalation", "physical_hold"])  # Ana and Ben
    stranger = desk.worker.post("/api/v1/incidents", json={**body, "held_resident_ids": [3]})
    assert stranger.status_code == 422
    assert "not one of the report's residents" in stranger.get_json()["errors"]["held_resident_ids"][0]
    calm = report_body(desk.clock, held_resident_ids=[1])  # nobody was held in this one
    assert desk.worker.post("/api/v1/incidents", json=calm).status_code == 422
    assert events(desk, "incident.submitted") == []

    report = desk.file(**{**body, "held_resident_ids": [2]})
    [episode] = desk.read(report["id"])["episodes"]
    assert (episode["resident_id"], episode["kind"], episode["to_complete"]) == (2, "physical_hold", True)
    assert report["held_resident_ids"] == [2]
    assert open_alerts(desk.app, "restraint_started") == [("restraint_started", "critical", 2)]


def test_a_draft_about_several_residents_opens_episodes_for_those_its_edit_says_were_held(desk):
    draft = desk.file(status="draft", interventions=["seclusion"])
    edit = desk.worker.patch(f"/api/v1/incidents/{draft['id']}", json={"uid": new_uid(), "held_resident_ids": [1, 2]})
    assert edit.status_code == 200, edit.get_json()
    assert desk.step(desk.worker, draft["id"], "submit", uid=new_uid()).status_code == 200
    episodes = desk.read(draft["id"])["episodes"]
    assert sorted((e["resident_id"], e["kind"]) for e in episodes) == [(1, "seclusion"), (2, "seclusion")]


def test_a_hold_in_a_report_about_several_residents_that_names_nobody_held_stays_not_determinable(desk, login):
    report = desk.file(interventions=["physical_hold"])  # Ana and Ben: the report does not say who was held
    assert desk.read(report["id"])["episodes"] == []
    figures = login("lead1").get(HBIPS).get_json()
    assert figures["not_determinable_incidents"] == [report["id"]] and figures["restraint_hours"] == 0
    assert figures["hours_determinable"] is False
    page = login("lead1").get(f"/incidents/{report['id']}")
    assert b"no episode documents it yet" in page.data
    hbips_page = login("lead1").get("/reports/hbips?unit_id=1")
    assert b"1 incident with a hold, restraint or seclusion not yet documented with an end" in hbips_page.data
    assert b"not determinable</span>" in hbips_page.data
