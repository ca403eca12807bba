"""A scan proves a check only when the code was read at the check: `scanned_at` within SCAN_WINDOW_SECONDS of
`occurred_at`, never ahead of the server's clock beyond its allowance. A photo of a label cannot be replayed."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import Clock, iso
from tests.integration.rounds_helpers import check_body, notifier  # noqa: F401

pytestmark = pytest.mark.usefixtures("notifier")


@pytest.fixture
def clock():
    """07:10 in New York, ten minutes into the day shift."""
    return Clock.at(datetime(2026, 3, 2, 12, 10, tzinfo=UTC))


def room_token(login, room="N103"):
    listed = login("lead1").get("/api/v1/units/1/presence-codes").get_json()
    return next(c["token"] for c in listed if c["kind"] == "room" and c["room"] == room)


def stored_uids(login, resident_id=3):
    items = (
        login("nurse1")
        .get(f"/api/v1/events?unit_id=1&kind=rounds.check&resident_id={resident_id}&limit=1000")
        .get_json()["items"]
    )
    return {e["uid"] for e in items}


def scanned(token, at):
    return {"method": "scanned", "token": token, "scanned_at": at if isinstance(at, str) else iso(at)}


def day_shift(login, clock):
    """The rounds report's day shift so far (07:00 New York = 12:00 UTC)."""
    answer = login("lead1").get(
        "/api/v1/reports/rounds", query_string={"unit_id": 1, "from": "2026-03-02T12:00:00+00:00", "to": iso(clock.now)}
    )
    assert answer.status_code == 200, answer.get_json()
    [shift] = answer.get_json()["shifts"]
    return shift


@pytest.mark.parametrize(
    "scanned_at",
    [
        "1900-01-01T00:00:00+00:00",  # a photo of the label, "scanned" long ago
        "2099-12-31T23:59:59+00:00",  # or in a future no clock could be in
        "2026-03-02T12:25:00+00:00",  # a quarter of an hour ahead of the server
        "2026-03-02T12:07:59+00:00",  # 2 min 1 s before the check
        "2026-03-02T12:12:01+00:00",  # 2 min 1 s after it (and within the clock allowance)
        "2026-03-01T12:10:00+00:00",  # yesterday's scan of the same label
    ],
)
def test_a_scan_not_read_at_the_check_is_refused_naming_presence_and_nothing_is_stored(login, clock, scanned_at):
    token = room_token(login)
    worker = login("worker1")
    body = check_body(clock, resident_id=3, presence=scanned(token, scanned_at))
    answer = worker.post("/api/v1/rounds/checks", json=body)
    assert answer.status_code == 422, answer.get_json()
    [why] = answer.get_json()["errors"]["presence"]
    assert why.startswith("scanned_at is more than 2 minutes")
    assert body["uid"] not in stored_uids(login)


def test_the_refusal_says_what_to_do(login, clock):
    token = room_token(login)
    late = login("worker1").post(
        "/api/v1/rounds/checks",
        json=check_body(clock, resident_id=3, presence=scanned(token, clock.now - timedelta(minutes=5))),
    )
    assert "scan the code again" in late.get_json()["errors"]["presence"][0]
    ahead = login("worker1").post(
        "/api/v1/rounds/checks",
        json=check_body(clock, resident_id=3, presence=scanned(token, clock.now + timedelta(minutes=3))),
    )
    assert "in the future" in ahead.get_json()["errors"]["presence"][0]


@pytest.mark.parametrize("seconds", [-120, -90, 0, 60, 120])
def test_a_scan_read_within_the_window_of_the_check_is_stored_and_counted_validated(login, clock, seconds):
    token = room_token(login)
    read = clock.now + timedelta(seconds=seconds)
    answer = login("worker1").post(
        "/api/v1/rounds/checks", json=check_body(clock, resident_id=3, presence=scanned(token, read))
    )
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["presence"] == {"method": "scanned", "kind": "room", "scanned_at": iso(read)}
    clock.advance(minutes=1)
    assert day_shift(login, clock)["validated"] == 1


def test_a_scan_without_its_time_is_taken_as_read_at_the_check(login, clock):
    answer = login("worker1").post(
        "/api/v1/rounds/checks",
        json=check_body(clock, resident_id=3, presence={"method": "scanned", "token": room_token(login)}),
    )
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["presence"]["scanned_at"] == iso(clock.now)


def test_the_window_is_a_setting(login, clock, demo):
    demo.config["SCAN_WINDOW_SECONDS"] = 30
    token = room_token(login)
    worker = login("worker1")
    refused = worker.post(
        "/api/v1/rounds/checks",
        json=check_body(clock, resident_id=3, presence=scanned(token, clock.now - timedelta(seconds=31))),
    )
    assert refused.status_code == 422
    assert refused.get_json()["errors"]["presence"][0].startswith("scanned_at is more than 30 seconds")
    kept = worker.post(
        "/api/v1/rounds/checks",
        json=check_body(clock, resident_id=3, presence=scanned(token, clock.now - timedelta(seconds=30))),
    )
    assert kept.status_code == 201, kept.get_json()


def test_a_check_scanned_offline_and_sent_an_hour_later_is_stored_validated(login, clock):
    """The window lies between the scan and the check, both by the tablet's clock, not the server's now."""
    token = room_token(login)
    before = day_shift(login, clock)
    made = clock.now
    queued = check_body(clock, resident_id=3, presence=scanned(token, made - timedelta(seconds=40)))
    replayed = check_body(
        clock, resident_id=4, presence=scanned(room_token(login, "N104"), "2026-02-20T09:00:00+00:00")
    )
    clock.advance(hours=1)
    answer = login("worker1").post(
        "/api/v1/sync",
        json={"records": [{"type": "rounds.check", "body": queued}, {"type": "rounds.check", "body": replayed}]},
    )
    assert answer.status_code == 200
    kept, refused = answer.get_json()["results"]
    assert kept["status"] == 201, kept
    assert refused["status"] == 422 and "scanned_at" in refused["errors"]["presence"][0]
    assert queued["uid"] in stored_uids(login) and replayed["uid"] not in stored_uids(login, 4)
    shift = day_shift(login, clock)
    assert (shift["checks"], shift["validated"]) == (before["checks"] + 1, before["validated"] + 1)
    # Sent again (the tablet never heard the answer): the same check, still the one stored.
    again = login("worker1").post("/api/v1/sync", json={"records": [{"type": "rounds.check", "body": queued}]})
    assert [r["status"] for r in again.get_json()["results"]] == [200]


def test_checks_stored_with_a_scan_outside_the_window_are_not_counted_validated(login, clock, demo):
    """A check stored before the window was enforced (here: under a wider one) keeps its record, but the report,
    the handoff and /reports count it as not validated."""
    token = room_token(login)
    worker = login("worker1")
    before = day_shift(login, clock)
    demo.config["SCAN_WINDOW_SECONDS"] = 7 * 24 * 3600
    old = worker.post(
        "/api/v1/rounds/checks",
        json=check_body(clock, resident_id=3, presence=scanned(token, clock.now - timedelta(minutes=30))),
    )
    assert old.status_code == 201, old.get_json()
    demo.config["SCAN_WINDOW_SECONDS"] = 120
    clock.advance(minutes=10)
    fresh = worker.post(
        "/api/v1/rounds/checks",
        json=check_body(clock, resident_id=3, presence=scanned(token, clock.now - timedelta(seconds=20))),
    )
    assert fresh.status_code == 201, fresh.get_json()
    clock.advance(minutes=1)

    shift = day_shift(login, clock)
    assert (shift["checks"], shift["validated"]) == (before["checks"] + 2, before["validated"] + 1)
    [wren] = shift["by_staff"]
    assert (wren["name"], wren["validated"]) == ("Wren Walker", 1)
    # /reports, today: the demo's 12 checks (none scanned) and these two.
    page = login("lead1").get("/reports").get_data(as_text=True)
    assert "<title>Mon 02 Mar: 7.1 %</title>" in page  # 1 of 14, not 2

    clock.now = datetime(2026, 3, 2, 20, 5, tzinfo=UTC)  # the day shift has ended
    built = login("lead1").post("/api/v1/handoffs", json={"unit_id": 1})
    assert built.status_code in (200, 201), built.get_json()
    rounds = built.get_json()["summary"]["rounds"]
    assert (rounds["checks"], rounds["validated"]) == (before["checks"] + 2, 1)
