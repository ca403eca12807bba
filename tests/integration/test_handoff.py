"""Handoffs: built once per shift by the job or a lead, caught up after downtime, read, acknowledged, pushed."""

import threading
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from flask_socketio import SocketIOTestClient
from sqlalchemy import func, select

from facility.alerts.services import raise_alert
from facility.auth.models import User
from facility.extensions import socketio
from facility.handoff.jobs import build_due_handoffs
from facility.handoff.models import Handoff
from facility.outcomes import AlertDraft
from facility.records.log import NewEvent
from facility.records.services import record
from facility.timeutil import parse_hhmm, shift_containing
from tests.conftest import MIDSHIFT, Clock, iso, new_uid

NY = ZoneInfo("America/New_York")


@pytest.fixture
def clock():
    """A fixed mid-shift instant, so which shifts have ended does not depend on when the suite runs."""
    return Clock.at(MIDSHIFT)


STARTS = [parse_hhmm(t) for t in ("07:00", "15:00", "23:00")]


def current_shift(clock):
    return shift_containing(clock.now, STARTS, NY)


def record_check(app, resident_id, at, state="awake_calm"):
    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        actor = session.scalar(select(User).where(User.username == "worker1"))
        record(
            session,
            actor,
            NewEvent(
                "rounds.check", new_uid(), 1, resident_id, at, {"state": state, "location": "dayroom"}, {"x": new_uid()}
            ),
            at,
        )
        session.commit()
        session.close()


def count(session, **where):
    return session.scalar(select(func.count()).select_from(Handoff).filter_by(**where))


def test_the_boundary_job_builds_the_shift_that_just_ended_once_per_unit(demo, clock, session):
    shift = current_shift(clock)
    assert build_due_handoffs(demo, shift.end - timedelta(seconds=1)) == 0
    assert build_due_handoffs(demo, shift.end + timedelta(seconds=30)) == 2
    assert build_due_handoffs(demo, shift.end + timedelta(minutes=1)) == 0
    handoffs = session.scalars(select(Handoff)).all()
    assert {(h.unit_id, h.shift_start, h.shift_end) for h in handoffs} == {
        (1, shift.start, shift.end),
        (2, shift.start, shift.end),
    }


def test_a_downtime_over_two_boundaries_builds_both_handoffs_once_each(demo, clock, session):
    first = current_shift(clock)
    second = shift_containing(first.end, STARTS, NY)
    assert build_due_handoffs(demo, second.end + timedelta(minutes=5)) == 4
    assert build_due_handoffs(demo, second.end + timedelta(minutes=6)) == 0
    starts = session.scalars(select(Handoff.shift_start).where(Handoff.unit_id == 1).order_by(Handoff.shift_start))
    assert list(starts) == [first.start, second.start]


def test_two_schedulers_at_once_yield_one_handoff_per_shift(demo, clock, session):
    shift = current_shift(clock)
    results, errors = [], []

    def run():
        try:
            results.append(build_due_handoffs(demo, shift.end + timedelta(seconds=5)))
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and sum(results) == 2
    assert count(session, unit_id=1) == 1 and count(session, unit_id=2) == 1


def test_lead_builds_on_request_and_gets_the_same_handoff_again(login, clock):
    clock.now = current_shift(clock).end + timedelta(minutes=2)
    lead = login("lead1")
    first = lead.post("/api/v1/handoffs", json={"unit_id": 1})
    again = lead.post("/api/v1/handoffs", json={"unit_id": 1})
    assert (first.status_code, again.status_code) == (201, 200) and first.get_json()["id"] == again.get_json()["id"]
    assert login("nurse1").post("/api/v1/handoffs", json={"unit_id": 1}).status_code == 403
    assert lead.post("/api/v1/handoffs", json={"unit_id": 2}).status_code == 404
    ongoing = lead.post("/api/v1/handoffs", json={"unit_id": 1, "shift_start": iso(current_shift(clock).start)})
    assert ongoing.status_code == 422 and "shift_start" in ongoing.get_json()["errors"]


def test_handoff_flags_the_right_residents_and_leaves_voided_records_out(demo, login, clock):
    shift = current_shift(clock)
    nurse = login("nurse1")
    record_check(demo, 1, clock.now, state="agitated")
    mistaken = {"uid": new_uid(), "occurred_at": iso(clock.now), "level": "q5", "reason": "entered on wrong resident"}
    nurse.post("/api/v1/residents/8/observation-level", json=mistaken)
    nurse.post(f"/api/v1/events/{mistaken['uid']}/void", json={"uid": new_uid(), "reason": "wrong resident"})
    with demo.app_context():
        s = demo.extensions["facility_db"].new_session()
        raise_alert(
            s, AlertDraft("resident_missing", "critical", 1, 3, "missing:3", "Cora L. · N103 not located"), clock.now
        )
        s.commit()
        s.close()
    clock.now = shift.end + timedelta(minutes=1)
    handoff = login("lead1").post("/api/v1/handoffs", json={"unit_id": 1}).get_json()
    residents = {r["resident_id"]: r for r in handoff["summary"]["residents"]}
    assert handoff["summary"]["residents"][0]["resident_id"] == 3
    assert residents[3]["severity"] == "unstable" and residents[3]["open_alerts"][0]["kind"] == "resident_missing"
    assert residents[1]["severity"] == "watcher"
    assert residents[4]["severity"] == "stable"  # q60, nothing happened
    assert handoff["summary"]["census"]["level_changes"] == []  # the voided change is not in force
    assert residents[1]["display_name"] == "Ana R. · N101"  # first name, last initial, room


def test_only_leads_acknowledge_once_and_the_list_is_newest_first(demo, login, clock):
    shift = current_shift(clock)
    build_due_handoffs(demo, shift_containing(shift.end, STARTS, NY).end + timedelta(minutes=1))
    lead = login("lead1")
    items = lead.get("/api/v1/handoffs?unit_id=1").get_json()["items"]
    assert [h["shift_start"] for h in items] == sorted((h["shift_start"] for h in items), reverse=True)
    newest = items[0]["id"]
    assert login("nurse1").post(f"/api/v1/handoffs/{newest}/ack", json={}).status_code == 403
    assert login("worker1").get(f"/api/v1/handoffs/{newest}").status_code == 403
    acked = lead.post(f"/api/v1/handoffs/{newest}/ack", json={"note": "read, thanks"})
    assert acked.status_code == 200 and acked.get_json()["acknowledged_by"] == lead.user["id"]
    assert lead.post(f"/api/v1/handoffs/{newest}/ack", json={}).status_code == 409
    assert login("admin").get(f"/api/v1/handoffs/{newest}").status_code == 403


def test_handoff_ready_reaches_the_units_leads_over_the_socket(demo, login, clock):
    clock.now = current_shift(clock).end + timedelta(minutes=1)
    lead = login("lead1")
    worker = login("worker1")
    lead_socket = SocketIOTestClient(demo, socketio, namespace="/alerts", flask_test_client=lead.http)
    worker_socket = SocketIOTestClient(demo, socketio, namespace="/alerts", flask_test_client=worker.http)
    assert lead_socket.is_connected("/alerts")
    assert not worker_socket.is_connected("/alerts")  # workers are kept off the alert stream altogether
    built = lead.post("/api/v1/handoffs", json={"unit_id": 1}).get_json()
    pushed = [m for m in lead_socket.get_received("/alerts") if m["name"] == "handoff_ready"]
    assert [m["args"][0]["id"] for m in pushed] == [built["id"]]
    assert pushed[0]["args"][0]["unit_id"] == 1 and pushed[0]["args"][0]["shift_end"]


def test_paging_follows_shifts_even_when_catch_up_built_an_older_shift_later(demo, login, clock):
    first = current_shift(clock)
    second = shift_containing(first.end, STARTS, NY)
    clock.now = second.end + timedelta(minutes=1)
    lead = login("lead1")
    newest = lead.post("/api/v1/handoffs", json={"unit_id": 1}).get_json()  # the shift that just ended
    build_due_handoffs(demo, clock.now)  # catch-up adds the older shift, with a higher id
    page = lead.get("/api/v1/handoffs?unit_id=1&limit=1").get_json()
    assert [h["id"] for h in page["items"]] == [newest["id"]] and page["next_after_id"] == newest["id"]
    older = lead.get(f"/api/v1/handoffs?unit_id=1&limit=1&after_id={page['next_after_id']}").get_json()
    assert [h["shift_start"] for h in older["items"]] == [first.start.isoformat()]
    assert older["items"][0]["id"] > newest["id"] and older["next_after_id"] is None


def test_new_shift_times_never_build_handoffs_over_shifts_already_handed_off(demo, login, clock, session):
    shift = current_shift(clock)
    build_due_handoffs(demo, shift.end + timedelta(minutes=1))
    admin = login("admin")
    assert admin.patch("/api/v1/units/1", json={"shift_starts": ["06:00", "18:00"]}).status_code == 200
    later = shift.end + timedelta(hours=20)
    build_due_handoffs(demo, later)
    windows = session.execute(
        select(Handoff.shift_start, Handoff.shift_end).where(Handoff.unit_id == 1).order_by(Handoff.shift_start)
    ).all()
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(windows, windows[1:]))  # no overlaps
    assert (shift.start, shift.end) in windows and len(windows) >= 2  # the old one kept, new times go on
