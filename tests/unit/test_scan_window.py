"""A scan proves a check only when read at it, without a database: the rule, and what compliance counts."""

from datetime import UTC, datetime, timedelta

import pytest

from facility.census.levels import ObservationLevel as L
from facility.errors import Invalid
from facility.rounds.compliance import LevelSpan, Window, rounds_compliance, staff_compliance
from facility.rounds.presence import ScannedCode, ScanTiming, judge, validated
from facility.rounds.state import check_at

START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
BAND_OF_1 = ScannedCode(7, "wristband", unit_id=1, in_force=True, resident_ids=frozenset({1}))
TIMING = ScanTiming(window=timedelta(seconds=120), ahead=timedelta(minutes=2))


def at(seconds):
    return START + timedelta(seconds=seconds)


def scan(read_at, occurred_at=START, now=START, timing=TIMING):
    presence = {"method": "scanned", "token": "t"}
    if read_at is not None:
        presence["scanned_at"] = read_at
    return judge(presence, BAND_OF_1, 1, 1, True, occurred_at, now, timing)


def refusal(call):
    with pytest.raises(Invalid) as refused:
        call()
    assert list(refused.value.errors) == ["presence"]
    return refused.value.errors["presence"][0]


@pytest.mark.parametrize("seconds", [-120, -1, 0, 1, 120])
def test_a_scan_within_the_window_either_side_of_the_check_is_kept_with_its_own_time(seconds):
    assert scan(at(seconds), now=at(120)) == {
        "method": "scanned",
        "kind": "wristband",
        "code_id": 7,
        "scanned_at": at(seconds).isoformat(),
    }


@pytest.mark.parametrize("read_at", [at(-121), at(121), datetime(1900, 1, 1, tzinfo=UTC), START - timedelta(days=1)])
def test_a_scan_outside_the_window_is_refused_however_plausible_the_check(read_at):
    why = refusal(lambda: scan(read_at, now=at(3600)))
    assert why.startswith("scanned_at is more than 2 minutes from the check's time") and "scan the code again" in why


def test_the_window_is_measured_from_the_check_not_the_servers_now():
    """A check made offline and sent a day later: its scan was read at it."""
    assert scan(at(-30), occurred_at=START, now=START + timedelta(days=1))["method"] == "scanned"


def test_a_scan_ahead_of_the_servers_clock_beyond_the_allowance_is_refused_even_inside_the_window():
    assert "in the future" in refusal(lambda: scan(at(121), occurred_at=at(60), now=START))
    assert "in the future" in refusal(lambda: scan(datetime(2099, 12, 31, tzinfo=UTC), now=START))
    assert scan(at(120), occurred_at=at(60), now=START)["scanned_at"] == at(120).isoformat()


def test_a_scan_without_a_time_is_taken_as_read_at_the_check():
    assert scan(None)["scanned_at"] == START.isoformat()


def test_the_window_and_its_words_follow_the_setting():
    narrow = ScanTiming(window=timedelta(seconds=30))
    assert refusal(lambda: scan(at(-31), timing=narrow)).startswith("scanned_at is more than 30 seconds")
    assert scan(at(-30), timing=narrow)["method"] == "scanned"


def test_a_code_of_someone_else_is_still_refused_for_that_first():
    assert "not this resident's" in refusal(
        lambda: judge({"method": "scanned", "scanned_at": at(-9999)}, BAND_OF_1, 2, 1, False, START, START, TIMING)
    )


def stored(read_at, method="scanned"):
    return {"method": method, "kind": "room", "code_id": 7, "scanned_at": read_at}


def test_only_a_stored_scan_read_at_its_check_counts_as_validated():
    assert validated(stored(at(-120).isoformat()), START, TIMING)
    assert validated(stored(at(90).isoformat()), START, TIMING)
    assert not validated(stored(at(-121).isoformat()), START, TIMING)
    assert not validated(stored("1900-01-01T00:00:00+00:00"), START, TIMING)
    assert not validated(stored(None), START, TIMING)  # no time kept: nothing shows it was read then
    assert not validated(stored("yesterday"), START, TIMING)  # unreadable
    assert not validated(stored("2026-03-02T12:00:00"), START, TIMING)  # no offset
    assert not validated(stored(START.isoformat(), method="tapped"), START, TIMING)
    assert not validated(None, START, TIMING)


def test_compliance_counts_a_check_validated_only_when_its_scan_was_read_at_it():
    """Older stored checks whose scan lies outside the window keep their record but not the credit."""

    def check(rid, minutes, actor, read_at):
        occurred = START + timedelta(minutes=minutes)
        data = {
            "location": "own_room",
            "state": "awake_calm",
            "presence": stored(read_at(occurred).isoformat()) if read_at else {"method": "tapped"},
        }
        return check_at(rid, occurred, actor, data, TIMING)

    now = lambda o: o - timedelta(seconds=20)  # noqa: E731
    photo = lambda o: datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # noqa: E731
    made = [
        check(1, 0, 10, now),
        check(1, 15, 10, photo),
        check(1, 30, 10, now),
        check(2, 0, 20, photo),
        check(2, 15, 20, photo),
        check(2, 30, 20, None),
    ]
    levels = {
        1: [LevelSpan(START - timedelta(minutes=15), L.Q15)],
        2: [LevelSpan(START - timedelta(minutes=15), L.Q15)],
    }
    report = rounds_compliance(made, levels, Window(START, START + timedelta(minutes=45)))
    assert (report.checks, report.validated, report.percent_validated) == (6, 2, pytest.approx(33.3))
    ten, twenty = sorted(staff_compliance(report.made), key=lambda s: s.user_id)
    assert (ten.checks, ten.validated, twenty.checks, twenty.validated) == (3, 2, 3, 0)


def test_the_handoff_counts_with_the_timing_it_gathered():
    from zoneinfo import ZoneInfo

    from facility.rounds.handoff import rounds
    from facility.sections import EventFact, ResidentFact, ShiftFacts
    from facility.timeutil import ShiftWindow

    def check(uid, minutes, read_seconds_before):
        occurred = START + timedelta(minutes=minutes)
        data = {
            "location": "own_room",
            "state": "awake_calm",
            "presence": stored((occurred - timedelta(seconds=read_seconds_before)).isoformat()),
        }
        return EventFact(uid, "rounds.check", 1, 7, occurred, data)

    window = ShiftWindow(START, START + timedelta(hours=8), ZoneInfo("America/New_York"))
    one = ResidentFact(1, "R1 X. · 1", "1", "q60", (), START - timedelta(days=3), None)
    events = [check("a", 10, 20), check("b", 70, 100), check("c", 130, 3600)]

    def section(timing):
        extras = {"rounds": {"checks_before": {}, "scan_timing": timing}}
        return rounds(ShiftFacts(1, "North", window, [one], events, extras=extras)).section

    assert (section(TIMING)["checks"], section(TIMING)["validated"]) == (3, 2)
    assert section(ScanTiming(window=timedelta(seconds=30)))["validated"] == 1
