"""Bad reports and episodes are 4xx naming the field, never a 500, and store nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import iso, new_uid
from tests.integration.incidents_helpers import desk, episode_body, noon, notifier, report_body  # noqa: F401


def refused(answer, field: str, status: int = 422) -> str:
    assert answer.status_code == status, answer.get_json()
    errors = answer.get_json()["errors"]
    assert field in errors, errors
    return str(errors[field])


def test_interventions_out_of_ladder_order_are_refused_naming_the_pair(desk):
    message = refused(
        desk.worker.post(
            "/api/v1/incidents", json=report_body(desk.clock, interventions=["physical_hold", "verbal_deescalation"])
        ),
        "interventions",
    )
    assert "verbal_deescalation comes before physical_hold" in message


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("interventions", ["verbal_deescalation", "tasering"]),
        ("interventions", ["redirection", "redirection"]),
        ("category", "rudeness"),
        ("severity", "dire"),
        ("resident_ids", []),
        ("resident_ids", [1, 1]),
        ("resident_ids", "1"),
        ("staff_ids", [2**70]),
        ("occurred_at", "2026-06-10T12:00:00"),
        ("occurred_at", "2026-06-10T18:00:00+00:00"),
        ("notifications", [{"whom": "physician"}]),
        ("notifications", [{"whom": "the mayor", "at": "2026-06-10T15:55:00+00:00"}]),
        ("injuries", [{"person": "resident", "description": "bruise"}]),
        ("injuries", "a bruise"),
        ("narrative", ""),
        ("location", None),
        ("colour", "red"),
    ],
)
def test_bad_fields_are_422_naming_the_field(desk, field, value):
    refused(desk.worker.post("/api/v1/incidents", json=report_body(desk.clock, **{field: value})), field)


def test_a_submitted_report_needs_its_required_fields(desk):
    body = report_body(desk.clock)
    for field in ("behavior", "narrative", "resident_ids"):
        body.pop(field)
    answer = desk.worker.post("/api/v1/incidents", json=body)
    assert answer.status_code == 422 and {"behavior", "narrative", "resident_ids"} <= set(answer.get_json()["errors"])


def test_residents_and_staff_must_be_of_the_unit(desk):
    assert "13 is not a resident of North" in refused(
        desk.worker.post("/api/v1/incidents", json=report_body(desk.clock, resident_ids=[1, 13])), "resident_ids"
    )
    assert "3 is not a staff member of North" in refused(
        desk.worker.post("/api/v1/incidents", json=report_body(desk.clock, staff_ids=[3])), "staff_ids"
    )  # worker2 works on South
    refused(desk.worker.post("/api/v1/incidents", json=report_body(desk.clock, staff_ids=[999])), "staff_ids")
    refused(desk.worker.post("/api/v1/incidents", json=report_body(desk.clock, resident_ids=[999])), "resident_ids")


def test_notifications_have_times_after_the_incident_and_not_ahead_of_now(desk):
    before = iso(desk.clock.now - timedelta(minutes=30))
    assert "before the incident" in refused(
        desk.worker.post(
            "/api/v1/incidents", json=report_body(desk.clock, notifications=[{"whom": "physician", "at": before}])
        ),
        "notifications",
    )
    ahead = iso(desk.clock.now + timedelta(minutes=30))
    refused(
        desk.worker.post(
            "/api/v1/incidents", json=report_body(desk.clock, notifications=[{"whom": "family", "at": ahead}])
        ),
        "notifications",
    )


def test_an_injured_resident_is_one_of_the_reports(desk):
    refused(
        desk.worker.post(
            "/api/v1/incidents",
            json=report_body(desk.clock, injuries=[{"person": "resident", "resident_id": 5, "description": "bruise"}]),
        ),
        "injuries",
    )


def test_nothing_is_stored_by_refused_reports(desk):
    desk.worker.post("/api/v1/incidents", json=report_body(desk.clock, severity="dire"))
    desk.worker.post("/api/v1/incidents", json=report_body(desk.clock, resident_ids=[13]))
    assert desk.nurse.get("/api/v1/incidents?unit_id=1").get_json()["items"] == []


GARBAGE = [
    None,
    [],
    "text",
    {"uid": "nope"},
    {"uid": new_uid(), "severity": 3},
    {"uid": new_uid(), "unit_id": 2**70},
    {"records": []},
    {"uid": new_uid(), "occurred_at": "yesterday", "note": 3},
]


def test_garbage_is_4xx_json_on_every_incident_endpoint(desk):
    report = desk.file(interventions=["physical_hold"])
    episode = desk.start(report["id"])
    paths = [
        "/api/v1/incidents",
        f"/api/v1/incidents/{report['id']}/addenda",
        f"/api/v1/incidents/{report['id']}/episodes",
        f"/api/v1/episodes/{episode['id']}/monitoring",
        f"/api/v1/episodes/{episode['id']}/face-to-face",
        f"/api/v1/episodes/{episode['id']}/renew",
        f"/api/v1/episodes/{episode['id']}/end",
    ]
    for body in GARBAGE:
        for path in paths + ([f"/api/v1/incidents/{report['id']}/review"] if body is not None else []):
            answer = desk.nurse.post(path, json=body) if body is not None else desk.nurse.post(path, data="{no")
            assert 400 <= answer.status_code < 500 and answer.is_json, (path, body, answer.status_code)
        patched = desk.nurse.patch(f"/api/v1/incidents/{report['id']}", json=body)
        assert 400 <= patched.status_code < 500 and patched.is_json, (body, patched.status_code)
    assert desk.read(report["id"])["status"] == "submitted"


def test_an_episode_is_for_one_of_the_incidents_residents_with_a_known_kind(desk):
    report = desk.file(resident_ids=[1, 2])
    path = f"/api/v1/incidents/{report['id']}/episodes"
    assert "not one of this incident" in refused(
        desk.nurse.post(path, json=episode_body(desk.clock, resident_id=3)), "resident_id"
    )
    refused(desk.nurse.post(path, json=episode_body(desk.clock, kind="net")), "kind")
    refused(
        desk.nurse.post(path, json=episode_body(desk.clock, started_at=iso(desk.clock.now + timedelta(hours=1)))),
        "started_at",
    )
    refused(
        desk.nurse.post(path, json=episode_body(desk.clock, ordered_at=iso(desk.clock.now - timedelta(hours=5)))),
        "ordered_at",
    )  # that order ran out before the start
    assert desk.worker.post(path, json=episode_body(desk.clock)).status_code == 403


def test_a_second_running_episode_of_the_same_kind_is_409_but_another_kind_may_overlap(desk):
    report = desk.file()
    desk.start(report["id"])
    again = desk.nurse.post(f"/api/v1/incidents/{report['id']}/episodes", json=episode_body(desk.clock))
    assert again.status_code == 409
    desk.start(report["id"], kind="seclusion")


def test_episode_records_before_the_start_are_refused_and_the_same_uid_is_idempotent(desk):
    report = desk.file()
    body = episode_body(desk.clock)
    first = desk.nurse.post(f"/api/v1/incidents/{report['id']}/episodes", json=body)
    assert first.status_code == 201
    replay = desk.nurse.post(f"/api/v1/incidents/{report['id']}/episodes", json=body)
    assert replay.status_code == 200 and replay.get_json()["id"] == first.get_json()["id"]
    early = desk.on_episode(
        first.get_json()["id"], "monitoring", occurred_at=iso(desk.clock.now - timedelta(minutes=5))
    )
    refused(early, "occurred_at")
    check = {"uid": new_uid(), "occurred_at": iso(desk.clock.now), "state": "calm"}
    path = f"/api/v1/episodes/{first.get_json()['id']}/monitoring"
    assert desk.worker.post(path, json=check).status_code == 201
    assert desk.worker.post(path, json=check).status_code == 200
    assert desk.worker.post(path, json={**check, "state": "agitated"}).status_code == 409
    assert len(desk.read(report["id"])["episodes"][0]["monitoring"]) == 1


def test_a_closed_incident_takes_no_episode_and_cannot_close_while_one_runs(desk):
    report = desk.file(interventions=["physical_hold"])
    episode = desk.start(report["id"])
    desk.step(desk.nurse, report["id"], "review")
    assert desk.step(desk.lead, report["id"], "close").status_code == 409
    desk.on_episode(episode["id"], "end")
    assert desk.step(desk.lead, report["id"], "close").status_code == 200
    late = desk.nurse.post(f"/api/v1/incidents/{report['id']}/episodes", json=episode_body(desk.clock))
    assert late.status_code == 409


def test_another_units_episode_is_404(desk, login):
    report = desk.file()
    episode = desk.start(report["id"])
    south = login("worker2")
    assert south.get(f"/api/v1/episodes/{episode['id']}").status_code == 404
    assert (
        south.post(
            f"/api/v1/episodes/{episode['id']}/monitoring", json={"uid": new_uid(), "occurred_at": iso(desk.clock.now)}
        ).status_code
        == 404
    )
