"""The sweep's escalation, the registry at work in census events, and the alert list."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from facility.alerts.models import Alert
from facility.alerts.notifier import install, leads_room
from facility.outcomes import AlertDraft
from facility.scheduler import sweep
from tests.alert_factory import raise_committed
from tests.conftest import iso


class FakeNotifier:
    """Records what would have been pushed, and to which room."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, dict, str]] = []

    def emit(self, event, payload, room):
        self.sent.append((event, payload, room))

    def take(self):
        sent, self.sent = self.sent, []
        return [(event, payload.get("kind", payload["id"]), room) for event, payload, room in sent]


@pytest.fixture(autouse=True)
def escalation_only(monkeypatch, demo):
    """These tests watch escalation alone: the demo's own overdue rounds stay out of the sweep."""
    monkeypatch.setattr(demo.extensions["facility_registry"], "time_rules", [])


@pytest.fixture
def pushes(demo):
    notifier = FakeNotifier()
    install(demo, notifier)
    return notifier


def stored(app) -> list[Alert]:
    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        rows = list(session.scalars(select(Alert).order_by(Alert.id)))
        session.close()
        return rows


def test_a_critical_alert_unacknowledged_for_two_minutes_goes_to_the_units_leads(demo, pushes, clock, login):
    [original] = raise_committed(demo, "North", now=clock.now)
    pushes.take()
    clock.advance(seconds=119)
    sweep(demo)
    assert pushes.take() == [] and len(stored(demo)) == 1
    clock.advance(seconds=1)
    sweep(demo)
    sweep(demo)  # a repeated sweep finds the same condition and raises nothing more
    escalated = stored(demo)[1]
    assert (
        escalated.kind == "escalated"
        and escalated.severity == "critical"
        and escalated.condition == f"escalated:{original}"
    )
    assert pushes.take() == [("alert", "escalated", leads_room(1))]
    assert stored(demo)[0].escalated_at == clock.now
    # the nurse's console does not list the leads' escalation; the lead's does
    assert [a["id"] for a in login("nurse1").get("/api/v1/alerts").get_json()["items"]] == [original]
    assert len(login("lead1").get("/api/v1/alerts").get_json()["items"]) == 2
    # acknowledging the original settles the escalation for the leads
    assert login("nurse1").post(f"/api/v1/alerts/{original}/ack", json={}).status_code == 200
    assert pushes.take() == [("alert_acked", original, "unit:1"), ("alert_resolved", escalated.id, leads_room(1))]
    assert stored(demo)[1].resolved_how == "original acknowledged"


def test_a_warning_unacknowledged_for_ten_minutes_becomes_critical_under_the_same_id(demo, pushes, clock):
    [warning] = raise_committed(demo, "North", now=clock.now, severity="warning")
    pushes.take()
    clock.advance(minutes=9, seconds=59)
    sweep(demo)
    assert pushes.take() == []
    clock.advance(seconds=1)
    sweep(demo)
    [(event, payload, room)] = pushes.sent
    assert (event, payload["id"], payload["severity"], room) == ("alert", warning, "critical", "unit:1")
    assert stored(demo)[0].severity == "critical"


def test_acknowledged_alerts_are_not_escalated(demo, pushes, clock, login):
    [alert_id] = raise_committed(demo, "North", now=clock.now)
    login("nurse1").post(f"/api/v1/alerts/{alert_id}/ack", json={})
    clock.advance(minutes=30)
    sweep(demo)
    assert len(stored(demo)) == 1


def test_escalation_thresholds_come_from_the_config(demo, pushes, clock):
    demo.config["ESCALATE_CRITICAL_SECONDS"] = 30
    raise_committed(demo, "North", now=clock.now)
    clock.advance(seconds=30)
    sweep(demo)
    assert [a.kind for a in stored(demo)] == ["behavior_change", "escalated"]


def test_a_discharge_posted_over_http_resolves_the_residents_open_alerts(demo, pushes, clock, login):
    [alert_id] = raise_committed(demo, "North", now=clock.now)
    pushes.take()
    resident_id = stored(demo)[0].resident_id
    answer = login("lead1").post(
        f"/api/v1/residents/{resident_id}/discharge", json={"uid": str(uuid.uuid4()), "occurred_at": iso(clock.now)}
    )
    assert answer.status_code == 200
    assert pushes.take() == [("alert_resolved", alert_id, "unit:1")]
    assert stored(demo)[0].resolved_how == "resident discharged"


def test_a_level_change_runs_the_handlers_registered_for_its_kind(demo, pushes, clock, login, monkeypatch):
    def handler(session, event, now):
        return [
            AlertDraft(
                "behavior_change",
                "warning",
                event.unit_id,
                event.resident_id,
                f"test:{event.uid}",
                "level raised",
                event.uid,
            )
        ]

    monkeypatch.setitem(demo.extensions["facility_registry"].handlers, "observation.level_changed", [handler])
    uid = str(uuid.uuid4())
    answer = login("nurse1").post(
        "/api/v1/residents/1/observation-level",
        json={"uid": uid, "occurred_at": iso(clock.now), "level": "q5", "reason": "agitated"},
    )
    assert answer.status_code == 201
    [alert] = stored(demo)
    assert alert.source_uid == uid and pushes.take() == [("alert", "behavior_change", "unit:1")]


def test_the_list_filters_by_state_and_unit_and_pages_by_id(demo, pushes, login):
    first, second, third = raise_committed(demo, "North", count=3)
    raise_committed(demo, "South")
    nurse = login("nurse1")
    nurse.post(f"/api/v1/alerts/{second}/ack", json={})

    def ids(query):
        return [a["id"] for a in nurse.get(f"/api/v1/alerts?{query}").get_json()["items"]]

    assert ids("") == [first, second, third]
    assert ids("status=open") == [first, third] and ids("status=acknowledged") == [second]
    page = nurse.get("/api/v1/alerts?limit=2").get_json()
    assert page["next_after_id"] == second and ids(f"after_id={second}") == [third]
    assert nurse.get("/api/v1/alerts?unit_id=2").status_code == 404
    item = nurse.get("/api/v1/alerts?status=acknowledged").get_json()["items"][0]
    assert item["acknowledged_by"] == "Nell Norris" and item["resident_display"].endswith("N101")
    assert login("worker1").get("/api/v1/alerts").status_code == 403
