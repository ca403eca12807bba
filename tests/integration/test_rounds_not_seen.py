"""A check that could not find the resident, or could not see them breathe, is no check of them: the board, the
resident page, the handoff and the timeline all say they have not been seen until a check sees them."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from facility.scheduler import sweep
from facility.timeutil import parse_hhmm, shift_containing
from tests.conftest import MIDSHIFT, Clock, iso, new_uid
from tests.integration.rounds_helpers import check_body, notifier, open_alerts  # noqa: F401

pytestmark = pytest.mark.usefixtures("notifier")

NY = ZoneInfo("America/New_York")
MISSING = {"location": "unable_to_locate", "state": "not_seen"}
NOT_BREATHING = {"location": "own_room", "state": "asleep", "breathing_observed": False}


@pytest.fixture
def clock():
    """Mid-shift, so the shift's handoff can be built once it has ended."""
    return Clock.at(MIDSHIFT)


def row(client, resident_id):
    return next(r for r in client.get("/api/v1/units/1/board").get_json()["residents"] if r["id"] == resident_id)


def hhmm(moment):
    return f"{moment.astimezone(NY):%H:%M}"


def acknowledge(nurse, kind, resident_id):
    [alert] = [
        a
        for a in nurse.get("/api/v1/alerts?status=open").get_json()["items"]
        if a["kind"] == kind and a["resident_id"] == resident_id
    ]
    assert nurse.post(f"/api/v1/alerts/{alert['id']}/ack", json={}).status_code == 200


def test_a_q15_resident_who_cannot_be_found_stays_overdue_on_the_board_acknowledged_or_not_until_seen(
    demo, login, clock
):
    worker, nurse = login("worker1"), login("nurse1")
    seen_at = clock.now
    assert worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=5)).status_code == 201
    missing_at = clock.advance(minutes=15)
    assert worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=5, **MISSING)).status_code == 201

    before = row(worker, 5)
    assert before["last_check_at"] == iso(seen_at)  # the last sighting stays the last sighting
    assert before["status"] == "overdue" and before["next_check_due_at"] == iso(missing_at)
    assert before["not_seen"] == {"reason": "missing", "since": iso(missing_at)}

    acknowledge(nurse, "resident_missing", 5)
    sweep(demo, clock.advance(minutes=3))
    after = row(worker, 5)
    assert (after["status"], after["not_seen"], after["last_check_at"]) == ("overdue", before["not_seen"], iso(seen_at))
    # Still missing ten minutes on: the same "since", and no check_overdue piled on the missing alert.
    clock.advance(minutes=7)
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=5, **MISSING))
    sweep(demo, clock.now)
    assert row(worker, 5)["not_seen"]["since"] == iso(missing_at)
    assert [k for k, _, rid in open_alerts(demo) if rid == 5] == ["resident_missing"]

    found_at = clock.advance(minutes=1)
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=5, location="courtyard"))
    found = row(worker, 5)
    assert (found["status"], found["not_seen"], found["last_check_at"]) == ("ok", None, iso(found_at))


def test_a_q60_resident_whose_breathing_was_not_seen_is_due_now_not_in_sixty_minutes(demo, login, clock):
    worker = login("worker1")
    seen_at = clock.now
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=4))
    clock.advance(minutes=19)
    worker = login("worker1")  # a session idle that long has ended
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=4, **NOT_BREATHING))
    board = row(worker, 4)
    assert board["status"] == "overdue" and board["last_check_at"] == iso(seen_at)
    assert board["not_seen"]["reason"] == "breathing_not_seen"
    acknowledge(login("nurse1"), "breathing_not_observed", 4)
    assert row(worker, 4)["status"] == "overdue"
    clock.advance(minutes=1)
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=4, state="asleep", breathing_observed=True))
    assert row(worker, 4)["status"] == "ok" and row(worker, 4)["not_seen"] is None


def status_text(client, resident_id):
    page = client.get(f"/residents/{resident_id}").get_data(as_text=True)
    return " ".join(re.sub(r"<[^>]+>", " ", page.split('id="resident-status">', 1)[1].split("</dd>", 1)[0]).split())


def timeline(client, resident_id):
    page = client.get(f"/residents/{resident_id}").get_data(as_text=True)
    items = re.findall(r"<li data-kind=[^>]*>(.*?)</li>", page.split('id="timeline"', 1)[1], re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def test_the_resident_page_says_missing_and_the_timeline_says_it_was_no_check(demo, login, clock):
    worker = login("worker1")
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=5))
    missing_at = clock.advance(minutes=15)
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=5, **MISSING))
    assert status_text(worker, 5) == f"missing since {hhmm(missing_at)} — not found on a check since"
    assert f"{hhmm(missing_at)} NOT CHECKED — missing: unable to locate" in " ".join(timeline(worker, 5))
    clock.advance(minutes=2)
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=5, location="dayroom"))
    assert status_text(worker, 5) == "on the unit"

    clock.advance(minutes=1)
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=2, **NOT_BREATHING))
    assert status_text(worker, 2) == f"breathing not seen {hhmm(clock.now)} — recheck now"
    assert f"{hhmm(clock.now)} NOT CHECKED — asleep, own room, breathing NOT seen" in " ".join(timeline(worker, 2))


def test_the_handoff_counts_no_check_for_a_missing_resident_and_says_they_were_not_found(demo, login, clock):
    shift = shift_containing(clock.now, [parse_hhmm(t) for t in ("07:00", "15:00", "23:00")], NY)
    worker = login("worker1")
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=5))
    missing_at = clock.advance(minutes=15)
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=5, **MISSING))
    clock.advance(minutes=1)
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=4, **NOT_BREATHING))
    clock.advance(minutes=1)
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=4, state="asleep", breathing_observed=True))
    clock.now = shift.end + timedelta(minutes=1)
    handoff = login("lead1").post("/api/v1/handoffs", json={"unit_id": 1}).get_json()
    rounds = handoff["summary"]["rounds"]
    assert rounds["not_seen"] == 2
    residents = {r["resident_id"]: r for r in handoff["summary"]["residents"]}
    said = " ".join(str(v) for v in residents[5].values())
    assert f"missing since {hhmm(missing_at)} — not found by the end of the shift" in said
    assert f"{hhmm(missing_at)} could not be located — not a check" in said
    assert "not found" not in " ".join(str(v) for v in residents[4].values())  # seen breathing a minute later


def amend(client, uid, **data):
    body = {"uid": new_uid(), "reason": "tapped the wrong answer", "data": data}
    answer = client.post(f"/api/v1/events/{uid}/amend", json=body)
    assert answer.status_code in (200, 201), answer.get_json()


def test_an_amended_check_counts_as_amended_on_the_board_either_way(demo, login, clock):
    """A check corrected to 'unable to locate' is no sighting; one corrected from it to 'own room' is one."""
    worker = login("worker1")
    seen = check_body(clock, resident_id=5)
    assert worker.post("/api/v1/rounds/checks", json=seen).status_code == 201
    checked_at = clock.now
    clock.advance(minutes=5)
    amend(worker, seen["uid"], **MISSING)
    corrected = row(worker, 5)
    assert corrected["last_check_at"] != iso(checked_at)  # that check saw no one
    assert corrected["not_seen"] == {"reason": "missing", "since": iso(checked_at)}

    lost = check_body(clock, resident_id=6, **MISSING)
    assert worker.post("/api/v1/rounds/checks", json=lost).status_code == 201
    found_at = clock.now
    clock.advance(minutes=1)
    amend(worker, lost["uid"], location="own_room", state="awake_calm")
    found = row(worker, 6)
    assert found["not_seen"] is None and found["last_check_at"] == iso(found_at)
