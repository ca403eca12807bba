"""Validated rounds without a database: the scan policy, and compliance folded per staff member."""

from datetime import UTC, datetime, timedelta

import pytest

from facility.census.levels import ObservationLevel as L
from facility.errors import Invalid
from facility.rounds.compliance import CheckAt, LevelSpan, Window, rounds_compliance, staff_compliance, staff_rows
from facility.rounds.presence import ScannedCode, judge

START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
WINDOW = Window(START, START + timedelta(hours=8))
ROOM_OF_1_AND_2 = ScannedCode(7, "room", unit_id=1, in_force=True, resident_ids=frozenset({1, 2}))


def at(minutes):
    return START + timedelta(minutes=minutes)


def refusal(call):
    with pytest.raises(Invalid) as refused:
        call()
    assert list(refused.value.errors) == ["presence"]
    return refused.value.errors["presence"][0]


def test_a_scan_of_the_residents_room_is_recorded_with_its_kind_and_never_its_token():
    kept = judge({"method": "scanned", "token": "abc"}, ROOM_OF_1_AND_2, 2, 1, True, at(0))
    assert kept == {"method": "scanned", "kind": "room", "code_id": 7, "scanned_at": at(0).isoformat()}


def test_a_scan_of_someone_elses_code_a_foreign_units_or_an_unknown_one_is_refused():
    assert "not this resident's" in refusal(lambda: judge({"method": "scanned"}, ROOM_OF_1_AND_2, 3, 1, False, at(0)))
    assert "not one of this unit's" in refusal(
        lambda: judge({"method": "scanned"}, ROOM_OF_1_AND_2, 1, 2, False, at(0))
    )
    assert "not one of this unit's" in refusal(lambda: judge({"method": "scanned"}, None, 1, 1, False, at(0)))


def test_a_replaced_code_is_refused_saying_so():
    old = ScannedCode(7, "wristband", 1, in_force=False, resident_ids=frozenset({1}))
    assert "replaced" in refusal(lambda: judge({"method": "scanned"}, old, 1, 1, False, at(0)))


def test_a_tap_needs_a_reason_only_where_the_level_requires_a_scan():
    assert judge(None, None, 1, 1, False, at(0)) == {"method": "tapped", "reason": None}
    assert "scan" in refusal(lambda: judge({"method": "tapped"}, None, 1, 1, True, at(0)))
    assert "scan" in refusal(lambda: judge({"method": "tapped", "reason": "   "}, None, 1, 1, True, at(0)))
    assert judge({"method": "tapped", "reason": " camera broken "}, None, 1, 1, True, at(0)) == {
        "method": "tapped",
        "reason": "camera broken",
    }


def check(rid, minutes, actor, scanned=False, reason=None):
    return CheckAt(rid, at(minutes), actor, scanned, reason)


def test_each_staff_member_gets_their_own_checks_on_time_and_scanned():
    levels = {1: [LevelSpan(at(-15), L.Q15)], 2: [LevelSpan(at(-15), L.Q15)]}
    made = [
        check(1, 0, 10, scanned=True),
        check(1, 15, 10, scanned=True),
        check(1, 40, 20, reason="camera broken"),
        check(2, 0, 20, scanned=True),
        check(2, 15, 20, reason="camera broken"),
        check(2, 30, 20, reason="asleep, door closed"),
    ]
    report = rounds_compliance(made, levels, Window(at(0), at(45)))
    assert (report.checks, report.validated, report.percent_validated) == (6, 3, 50.0)
    assert report.unscanned_reasons == {"camera broken": 2, "asleep, door closed": 1}
    ten, twenty = sorted(staff_compliance(report.made), key=lambda s: s.user_id)
    assert (ten.checks, ten.on_time, ten.validated, ten.percent_validated) == (2, 2, 2, 100.0)
    assert (twenty.checks, twenty.on_time, twenty.validated) == (4, 3, 1)  # 1's check at 40 came 25 min after 15
    assert twenty.percent_on_time == 75.0 and twenty.percent_validated == 25.0
    assert twenty.unscanned_reasons == {"camera broken": 2, "asleep, door closed": 1}
    rows = staff_rows(report.made, {10: "Wren Walker", 20: "Kit Kemp"})
    assert [(r["name"], r["checks"]) for r in rows] == [("Kit Kemp", 4), ("Wren Walker", 2)]


def test_checks_outside_the_window_count_for_no_one():
    levels = {1: [LevelSpan(at(-60), L.Q15)]}
    report = rounds_compliance([check(1, -10, 10, scanned=True), check(1, 5, 20)], levels, Window(at(0), at(30)))
    assert [(s.user_id, s.checks) for s in staff_compliance(report.made)] == [(20, 1)]
    assert report.percent_validated == 0.0


def test_many_windows_at_once_give_what_each_window_alone_gives_from_every_check():
    import random

    from facility.rounds.compliance import _resident, compliance_by_window

    chance = random.Random(15)
    levels = {rid: [LevelSpan(at(-30), level)] for rid, level in ((1, L.Q15), (2, L.Q30), (3, L.Q5))}
    made = [
        check(rid, minute, chance.choice([10, 20]), chance.random() < 0.5, chance.choice([None, "camera broken"]))
        for rid in levels
        for minute in sorted(chance.sample(range(-20, 600), 60))
    ]
    windows = [Window(at(m), at(m + 60)) for m in range(0, 600, 60)]
    together = compliance_by_window(made, levels, windows)
    for window, report in zip(windows, together):
        every = [
            _resident(
                rid, levels[rid], sorted((c for c in made if c.resident_id == rid), key=lambda c: c.occurred_at), window
            )
            for rid in sorted(levels)
        ]
        assert [(r.resident_id, r.checks, r.on_time, r.missed, r.longest_gap, r.made) for r in report.residents] == [
            (r.resident_id, r.checks, r.on_time, r.missed, r.longest_gap, r.made) for r in every
        ]
