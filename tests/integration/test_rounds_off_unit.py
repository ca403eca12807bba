"""Residents off the unit, as another domain reports them through the contract's absences, on the rounds board.

No domain on this branch signs residents out, so each test declares the absences the way a domain would:
a reader on the running app's registry.
"""

from datetime import timedelta

import pytest

from facility.domain import Absence
from facility.scheduler import sweep
from tests.integration.rounds_helpers import check_body, notifier, open_alerts  # noqa: F401

pytestmark = pytest.mark.usefixtures("notifier")


@pytest.fixture
def outings(demo):
    """A list the test fills with absences; the app's registry reads it like any domain's reader."""
    absences: list[Absence] = []

    def reader(session, resident_ids, start, end):
        return [
            a
            for a in absences
            if a.resident_id in resident_ids and a.started_at < end and (a.ended_at is None or a.ended_at > start)
        ]

    readers = demo.extensions["facility_registry"].absence_readers
    readers.append(reader)
    yield absences
    readers.remove(reader)  # the registry outlives the test (the app is reused)


def row(client, resident_id):
    board = client.get("/api/v1/units/1/board").get_json()
    return next(r for r in board["residents"] if r["id"] == resident_id)


def overdue(app, resident_id):
    return [a for a in open_alerts(app, "check_overdue") if a[2] == resident_id]


def test_a_resident_out_with_an_escort_shows_off_unit_and_raises_no_overdue_check(demo, login, clock, outings):
    worker = login("worker1")
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=1))
    outings.append(Absence(1, clock.advance(minutes=5), None, True, "outing: library"))
    clock.advance(minutes=50)
    sweep(demo, clock.now)
    worker = login("worker1")
    seen = row(worker, 1)
    assert (seen["off_unit"], seen["off_unit_escorted"], seen["off_unit_label"]) == (True, True, "outing: library")
    assert seen["status"] == "ok"
    assert overdue(demo, 1) == []
    residents = worker.get("/api/v1/units/1/board").get_json()["residents"]
    place = [r["id"] for r in residents].index(1)
    assert all(r["off_unit_escorted"] for r in residents[place:])  # nothing falls due for them: they go last


def test_the_return_counts_as_a_sighting_and_the_clock_starts_again_from_it(demo, login, clock, outings):
    login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=1))
    start = clock.advance(minutes=5)
    back = clock.advance(minutes=90)
    outings.append(Absence(1, start, back, True, "outing: clinic"))
    sweep(demo, clock.advance(minutes=10))
    worker = login("worker1")
    assert row(worker, 1)["next_check_due_at"].startswith((back + timedelta(minutes=15)).isoformat()[:19])
    assert overdue(demo, 1) == []
    sweep(demo, clock.advance(minutes=7, seconds=30))  # back + 17.5 min: past due + grace
    assert len(overdue(demo, 1)) == 1


def test_signing_out_with_an_escort_resolves_an_overdue_alert_already_open(demo, login, clock, outings):
    login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=1))
    sweep(demo, clock.advance(minutes=18))
    assert len(overdue(demo, 1)) == 1
    outings.append(Absence(1, clock.advance(minutes=1), None, True, "outing: court"))
    sweep(demo, clock.advance(seconds=30))
    assert overdue(demo, 1) == []


def test_a_resident_out_without_an_escort_is_still_due_and_says_where_they_are(demo, login, clock, outings):
    worker = login("worker1")
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=1))
    outings.append(Absence(1, clock.advance(minutes=5), None, False, "pass: home visit"))
    sweep(demo, clock.advance(minutes=15))
    seen = row(login("worker1"), 1)
    assert (seen["off_unit"], seen["off_unit_escorted"], seen["status"]) == (True, False, "overdue")
    assert len(overdue(demo, 1)) == 1
