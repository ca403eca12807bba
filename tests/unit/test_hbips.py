"""HBIPS-2 / HBIPS-3 arithmetic, pure: minutes, overlap, not determinable, resident days, rates.

The Joint Commission's cases are cited by their place in the Specifications Manual for Joint Commission
National Quality Measures (manual.jointcommission.org) or its data-collection support pages.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from facility.domain import Absence
from facility.incidents.hbips import (
    ReportedHold,
    Span,
    Stay,
    census_days,
    figures,
    midnights,
    undetermined_reports,
    use_minutes,
    whole_minutes,
)
from facility.incidents.holds import holds_named

NY = ZoneInfo("America/New_York")
T0 = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)
JUNE = (datetime(2026, 6, 1, 4, 0, tzinfo=UTC), datetime(2026, 7, 1, 4, 0, tzinfo=UTC))


def span(id_, kind, start_min, seconds, resident=1):
    start = T0 + timedelta(minutes=start_min)
    return Span(id_, resident, kind, start, None if seconds is None else start + timedelta(seconds=seconds))


# Data elements "Minutes of Physical Restraint" (HBIPS-2) and "Minutes of Seclusion" (HBIPS-3), Notes for
# Abstraction: whole minutes; an event of 60 seconds or less is 1 minute; "2 minutes 5 seconds is reported as
# 3 minutes".
@pytest.mark.parametrize(("seconds", "minutes"), [(125, 3), (60, 1), (40, 1), (0, 1), (61, 2), (600, 10)])
def test_minutes_are_whole_and_rounded_up_as_the_manual_says(seconds, minutes):
    assert whole_minutes(seconds) == minutes
    assert use_minutes([span(1, "physical_hold", 0, seconds)], *JUNE)[0] == minutes
    assert use_minutes([span(1, "seclusion", 0, seconds)], *JUNE)[1] == minutes


# Data element "Minutes of Physical Restraint" (v2023A1), Notes for Abstraction: in restraint and seclusion at the
# same time, the time counts as restraint; "time in physical restraints supersedes time in seclusion".
def test_time_in_restraint_and_seclusion_at_once_counts_as_restraint_only():
    seclusion = span(1, "seclusion", 0, 60 * 60)
    hold = span(2, "mechanical_restraint", 20, 15 * 60)
    assert use_minutes([seclusion, hold], *JUNE) == (15, 45, [])


def test_seclusion_wholly_inside_a_restraint_counts_nothing_and_overlapping_restraints_count_once():
    assert use_minutes([span(1, "mechanical_restraint", 0, 30 * 60), span(2, "seclusion", 5, 10 * 60)], *JUNE) == (
        30,
        0,
        [],
    )
    assert use_minutes([span(1, "physical_hold", 0, 10 * 60), span(2, "mechanical_restraint", 8, 20 * 60)], *JUNE) == (
        28,
        0,
        [],
    )


def test_episodes_of_different_residents_at_the_same_time_each_count():
    assert use_minutes(
        [span(1, "physical_hold", 0, 300, resident=1), span(2, "seclusion", 0, 300, resident=2)], *JUNE
    ) == (5, 5, [])


def test_an_episode_without_an_end_is_listed_as_not_determinable_and_not_counted():
    assert use_minutes([span(4, "physical_hold", 0, None), span(5, "seclusion", 0, 120)], *JUNE) == (0, 2, [4])


def test_only_the_part_inside_the_range_counts():
    start, end = T0 + timedelta(minutes=10), T0 + timedelta(hours=1)
    assert use_minutes([span(1, "physical_hold", 0, 30 * 60)], start, end) == (20, 0, [])
    assert use_minutes([span(1, "physical_hold", -30, 30 * 60)], T0, end) == (0, 0, [])  # ended as it began


def test_a_dst_day_has_one_midnight_however_long_it_is():
    start = datetime(2026, 3, 8, 0, 0, tzinfo=NY).astimezone(UTC)  # spring forward: a 23-hour day
    end = datetime(2026, 3, 9, 0, 0, tzinfo=NY).astimezone(UTC)
    assert (end - start) == timedelta(hours=23)
    assert midnights(start, end, NY) == [start]
    fall = datetime(2026, 11, 1, 0, 0, tzinfo=NY).astimezone(UTC)  # fall back: a 25-hour day
    assert len(midnights(fall, fall + timedelta(hours=24), NY)) == 1  # 23:00 EST, not yet the next midnight
    assert len(midnights(fall, fall + timedelta(hours=25), NY)) == 1
    assert len(midnights(fall, fall + timedelta(hours=25, seconds=1), NY)) == 2


def test_resident_days_count_each_local_midnight_the_resident_was_admitted_and_not_discharged():
    start = datetime(2026, 3, 7, 0, 0, tzinfo=NY)
    end = datetime(2026, 3, 10, 0, 0, tzinfo=NY)  # midnights of the 7th, 8th (DST day) and 9th
    nights = midnights(start, end, NY)
    stays = [
        Stay(1, start - timedelta(days=3), None),
        Stay(2, datetime(2026, 3, 7, 15, 0, tzinfo=NY), datetime(2026, 3, 9, 0, 0, tzinfo=NY)),
        Stay(3, datetime(2026, 3, 9, 0, 0, tzinfo=NY), None),
    ]
    # 1: three nights; 2: the 8th only (gone at the 9th's midnight); 3: admitted at the 9th's midnight, counted.
    assert census_days(stays, [], nights) == (5, 0)


def test_a_night_signed_out_across_midnight_is_a_leave_day():
    start = datetime(2026, 6, 1, 0, 0, tzinfo=NY)
    nights = midnights(start, start + timedelta(days=3), NY)
    away = [
        Absence(1, datetime(2026, 6, 1, 20, 0, tzinfo=NY), datetime(2026, 6, 2, 9, 0, tzinfo=NY), False),
        Absence(2, datetime(2026, 6, 1, 9, 0, tzinfo=NY), datetime(2026, 6, 1, 17, 0, tzinfo=NY), True),
    ]
    assert census_days(
        [Stay(1, start - timedelta(days=1), None), Stay(2, start - timedelta(days=1), None)], away, nights
    ) == (6, 1)


def test_rates_are_hours_per_1000_inpatient_hours_and_null_without_any():
    start = datetime(2026, 6, 1, 0, 0, tzinfo=NY)
    end = start + timedelta(days=10)
    spans = [Span(1, 1, "physical_hold", start + timedelta(hours=5), start + timedelta(hours=5, minutes=30))]
    result = figures(spans, [Stay(1, start - timedelta(days=1), None)], [], start, end, NY)
    assert (result["resident_days"], result["inpatient_hours"], result["restraint_hours"]) == (10, 240, 0.5)
    assert result["hbips2_rate"] == pytest.approx(0.5 / 0.24, abs=1e-4) and result["hbips3_rate"] == 0
    empty = figures([], [], [], start, end, NY)
    assert empty["inpatient_hours"] == 0 and empty["hbips2_rate"] is None and empty["hbips3_rate"] is None


# The Joint Commission, "Chart-Abstracted HBIPS-2 / HBIPS-3 Example: Calculating Initial Population" (data
# collection support pages): six patients over a month, 90 psychiatric inpatient days and 2 leave days, so
# (90 − 2) = 88 days = 2,112 inpatient hours; restraints of 10, 5 + 10 and 5 minutes (30 minutes), seclusions
# of 60, 15 + 10 and 5 minutes (90 minutes). Rate = hours ÷ (inpatient hours ÷ 1,000).
def test_the_joint_commissions_worked_month_gives_its_days_hours_and_rates():
    start, end = datetime(2026, 4, 1, 0, 0, tzinfo=NY), datetime(2026, 5, 1, 0, 0, tzinfo=NY)
    nights = midnights(start, end, NY)
    days_and_leave = {1: (10, 0), 2: (15, 0), 3: (30, 1), 4: (5, 0), 5: (10, 0), 6: (20, 1)}
    stays, absences = [], []
    for patient, (days, leave) in days_and_leave.items():
        stays.append(Stay(patient, nights[0] - timedelta(hours=1), nights[days - 1] + timedelta(hours=1)))
        if leave:
            absences.append(Absence(patient, nights[1] - timedelta(hours=2), nights[1] + timedelta(hours=8), False))

    def event(id_, patient, kind, minutes, on):
        begin = nights[on] + timedelta(hours=14)
        return Span(id_, patient, kind, begin, begin + timedelta(minutes=minutes))

    spans = [
        event(1, 1, "physical_hold", 10, 2),
        event(2, 2, "mechanical_restraint", 5, 3),
        event(3, 2, "physical_hold", 10, 4),
        event(4, 3, "seclusion", 60, 5),
        event(5, 4, "seclusion", 15, 1),
        event(6, 4, "seclusion", 10, 2),
        event(7, 5, "physical_hold", 5, 6),
        event(8, 5, "seclusion", 5, 7),
    ]
    result = figures(spans, stays, absences, start, end, NY)
    assert (result["resident_days"], result["leave_days"], result["inpatient_hours"]) == (90, 2, 2112)
    assert (result["restraint_minutes"], result["seclusion_minutes"]) == (30, 90)
    assert (result["restraint_hours"], result["seclusion_hours"]) == (0.5, 1.5)
    assert result["hbips2_rate"] == pytest.approx(0.2367, abs=1e-4)  # 0.5 ÷ 2.112
    assert result["hbips3_rate"] == pytest.approx(0.7102, abs=1e-4)  # 1.5 ÷ 2.112
    assert result["not_determinable"] == []


# A report that names a hold, a restraint or seclusion is an event whose start or stop time is unknown until an
# episode with an end documents it: "unable to determine", never zero minutes.
def test_a_reported_hold_without_an_episode_or_with_one_still_open_is_not_determinable_in_its_month():
    reports = [
        ReportedHold(1, T0, ()),  # no episode at all
        ReportedHold(2, T0, (T0 + timedelta(minutes=5), None)),  # one of its episodes has no end yet
        ReportedHold(3, T0, (T0 + timedelta(minutes=5),)),  # documented: its hours count
        ReportedHold(4, JUNE[1], ()),
    ]  # the next month's
    assert undetermined_reports(reports, *JUNE) == [1, 2]
    assert undetermined_reports(reports, JUNE[1], JUNE[1] + timedelta(days=30)) == [4]


def test_a_month_with_a_reported_hold_undocumented_says_not_determinable_not_zero_hours():
    start, end = JUNE
    stays = [Stay(1, start - timedelta(days=1), None)]
    result = figures([], stays, [], start, end, NY, reports=[ReportedHold(9, T0, ())])
    assert result["not_determinable_incidents"] == [9] and result["not_determinable_incident_count"] == 1
    assert result["hours_determinable"] is False
    done = figures(
        [span(1, "physical_hold", 0, 600)],
        stays,
        [],
        start,
        end,
        NY,
        reports=[ReportedHold(9, T0, (T0 + timedelta(seconds=600),))],
    )
    assert done["hours_determinable"] is True and done["not_determinable_incidents"] == []
    assert done["restraint_minutes"] == 10
    assert figures([], stays, [], start, end, NY)["hours_determinable"] is True  # no hold reported: truly zero


def test_each_restrictive_intervention_of_a_report_about_one_resident_is_an_episode_to_open():
    ladder = ["verbal_deescalation", "physical_hold", "mechanical_restraint", "seclusion"]
    assert holds_named(ladder, [4]) == [(4, "physical_hold"), (4, "mechanical_restraint"), (4, "seclusion")]
    assert holds_named(["redirection", "prn_offered"], [4]) == []
    assert holds_named(["physical_hold"], [4, 5]) == []  # stored before the form asked whom: the nurse says
    assert holds_named(["redirection", "physical_hold"], [4, 5], [5]) == [(5, "physical_hold")]
    assert holds_named(["seclusion"], [4, 5, 6], [4, 6]) == [(4, "seclusion"), (6, "seclusion")]
