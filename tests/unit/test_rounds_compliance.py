"""The compliance fold over a scripted shift: checks made, on time, missed, the longest gap."""

from datetime import UTC, datetime, timedelta

from facility.census.levels import ObservationLevel as L
from facility.rounds.compliance import CensusChange, CheckAt, LevelSpan, Window, level_timelines, rounds_compliance

START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # 07:00 in New York
WINDOW = Window(START, START + timedelta(hours=8))


def at(minutes):
    return START + timedelta(minutes=minutes)


def checks(rid, *minutes):
    return [CheckAt(rid, at(m)) for m in minutes]


def since_admission(level):
    return [LevelSpan(at(-15), level)]


def test_a_q15_resident_seen_every_fifteen_minutes_is_fully_on_time():
    report = rounds_compliance(checks(1, *range(0, 480, 15)), {1: since_admission(L.Q15)}, WINDOW)
    [ana] = report.residents
    assert (ana.checks, ana.on_time, ana.late, ana.missed) == (32, 32, 0, 0)
    assert ana.longest_gap.minutes == 15 and report.percent_on_time == 100.0


def test_a_forty_minute_gap_is_one_late_check_two_missed_and_the_longest_gap_with_its_times():
    seen = [0, 15, 30, 70] + list(range(85, 480, 15))
    [ana] = rounds_compliance(checks(1, *seen), {1: since_admission(L.Q15)}, WINDOW).residents
    assert (ana.late, ana.missed) == (1, 2)
    assert (ana.longest_gap.minutes, ana.longest_gap.start, ana.longest_gap.end) == (40, at(30), at(70))


def test_the_check_before_the_shift_anchors_the_first_gap():
    [ana] = rounds_compliance(checks(1, -20, 10), {1: since_admission(L.Q30)}, WINDOW).residents
    assert (ana.checks, ana.on_time) == (1, 1)


def test_a_resident_never_seen_in_the_shift_has_every_check_missed_and_an_open_gap_to_its_end():
    [ana] = rounds_compliance(checks(1, -5), {1: since_admission(L.Q60)}, WINDOW).residents
    assert (ana.checks, ana.on_time, ana.missed) == (0, 0, 8)
    assert ana.longest_gap.open and ana.longest_gap.end == WINDOW.end and ana.longest_gap.minutes == 485


def test_a_level_tightened_mid_shift_judges_later_checks_by_the_new_interval():
    spans = [LevelSpan(at(-15), L.Q60), LevelSpan(at(100), L.Q15)]
    [ana] = rounds_compliance(checks(1, 0, 55, 110, 125, *range(140, 480, 15)), {1: spans}, WINDOW).residents
    assert (ana.checks, ana.late) == (27, 1)  # 55→110 is a 55-minute gap under q15


def test_a_resident_admitted_mid_shift_is_counted_from_admission():
    spans = [LevelSpan(at(200), L.Q30)]
    [ana] = rounds_compliance(checks(1, 230, *range(260, 480, 30)), {1: spans}, WINDOW).residents
    assert (ana.checks, ana.on_time, ana.missed) == (9, 9, 0)


def test_a_resident_discharged_before_the_shift_is_left_out_and_one_discharged_during_it_stops_there():
    gone = [LevelSpan(at(-60), L.Q15), LevelSpan(at(-30), None)]
    leaves = [LevelSpan(at(-15), L.Q15), LevelSpan(at(60), None)]
    report = rounds_compliance(checks(2, 0, 15, 30, 45), {1: gone, 2: leaves}, WINDOW)
    assert [(r.resident_id, r.checks, r.missed) for r in report.residents] == [(2, 4, 0)]


def test_the_unit_summary_names_the_longest_gap_and_the_share_on_time():
    report = rounds_compliance(
        checks(1, *range(0, 480, 15)) + checks(2, 0, 90, *range(105, 480, 15)),
        {1: since_admission(L.Q15), 2: since_admission(L.Q15)},
        WINDOW,
    )
    assert report.longest.resident_id == 2 and report.longest.longest_gap.minutes == 90
    assert (report.checks, report.on_time, report.missed) == (59, 58, 5)
    assert report.percent_on_time == round(100 * 58 / 64, 1)


def test_level_timelines_follow_admission_level_changes_transfers_and_discharge():
    changes = [
        CensusChange(1, "resident.admitted", at(0), 1, {"observation_level": "q30"}),
        CensusChange(1, "observation.level_changed", at(60), 1, {"to": "q5"}),
        CensusChange(1, "resident.transferred", at(120), 2, {"from_unit_id": 1, "to_unit_id": 2}),
        CensusChange(2, "resident.admitted", at(10), 2, {"observation_level": "q60"}),
        CensusChange(3, "resident.admitted", at(0), 1, {"observation_level": "q15"}),
        CensusChange(3, "resident.discharged", at(30), 1, {}),
    ]
    timelines = level_timelines(changes, unit_id=1)
    assert timelines[1] == [LevelSpan(at(0), L.Q30), LevelSpan(at(60), L.Q5), LevelSpan(at(120), None)]
    assert timelines[2] == [LevelSpan(at(10), None)]
    assert timelines[3] == [LevelSpan(at(0), L.Q15), LevelSpan(at(30), None)]


def test_a_check_that_could_not_find_the_resident_is_no_check_and_the_gap_runs_on_from_the_last_sighting():
    made = checks(1, 0, 15) + [CheckAt(1, at(30), seen=False), CheckAt(1, at(40), seen=False)] + checks(1, 50)
    [ana] = rounds_compliance(made, {1: since_admission(L.Q15)}, Window(START, at(60))).residents
    assert (ana.checks, ana.on_time, ana.late, ana.not_seen) == (3, 2, 1, 2)
    assert (ana.longest_gap.start, ana.longest_gap.end) == (at(15), at(50)) and ana.missed == 2


def test_a_not_seen_check_just_before_the_shift_does_not_anchor_its_first_gap():
    made = checks(1, -40) + [CheckAt(1, at(-10), seen=False)] + checks(1, 10)
    [ana] = rounds_compliance(made, {1: since_admission(L.Q30)}, WINDOW).residents
    assert (ana.checks, ana.on_time) == (1, 0)
