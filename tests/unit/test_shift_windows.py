"""Shift windows in the facility's zone, on ordinary days and both DST nights of America/New_York."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger

from facility.timeutil import completed_shifts, last_completed_shift, parse_hhmm, shift_containing

NY = ZoneInfo("America/New_York")
STARTS = [parse_hhmm(t) for t in ("07:00", "15:00", "23:00")]


def local(*args) -> datetime:
    return datetime(*args, tzinfo=NY)


@pytest.mark.parametrize(
    "moment,start,hours",
    [
        (local(2026, 6, 10, 9, 0), local(2026, 6, 10, 7, 0), 8),
        (local(2026, 6, 10, 16, 0), local(2026, 6, 10, 15, 0), 8),
        (local(2026, 6, 11, 2, 0), local(2026, 6, 10, 23, 0), 8),
        (local(2026, 6, 10, 6, 59), local(2026, 6, 9, 23, 0), 8),
    ],
)
def test_the_three_default_shifts_of_an_ordinary_day_last_eight_hours(moment, start, hours):
    window = shift_containing(moment.astimezone(UTC), STARTS, NY)
    assert window.start == start and window.hours == hours


def test_the_night_shift_when_clocks_spring_forward_lasts_seven_hours():
    window = shift_containing(local(2026, 3, 8, 4, 0).astimezone(UTC), STARTS, NY)
    assert window.start == local(2026, 3, 7, 23, 0) and window.end == local(2026, 3, 8, 7, 0)
    assert window.hours == 7
    assert window.end.astimezone(NY).utcoffset() == timedelta(hours=-4)


def test_the_night_shift_when_clocks_fall_back_lasts_nine_hours():
    window = shift_containing(local(2026, 11, 1, 1, 30).astimezone(UTC), STARTS, NY)
    assert window.start == local(2026, 10, 31, 23, 0) and window.hours == 9


def test_day_shifts_on_dst_days_keep_eight_hours():
    for day in (date(2026, 3, 8), date(2026, 11, 1)):
        assert shift_containing(local(day.year, day.month, day.day, 10).astimezone(UTC), STARTS, NY).hours == 8


def test_last_completed_shift_at_a_boundary_is_the_one_that_just_ended():
    window = last_completed_shift(local(2026, 3, 8, 7, 0, 30).astimezone(UTC), STARTS, NY)
    assert window.start == local(2026, 3, 7, 23, 0) and window.hours == 7


def test_completed_shifts_across_a_downtime_are_listed_once_each_in_order():
    since, now = local(2026, 10, 31, 14, 0), local(2026, 11, 1, 15, 30)
    windows = completed_shifts(since.astimezone(UTC), now.astimezone(UTC), STARTS, NY)
    assert [w.start.astimezone(NY).hour for w in windows] == [15, 23, 7]
    assert [w.hours for w in windows] == [8, 9, 8]


def test_the_cron_trigger_fires_at_local_seven_on_both_sides_of_dst():
    trigger = CronTrigger(hour=7, minute=0, timezone="America/New_York")
    before = trigger.get_next_fire_time(None, local(2026, 3, 6, 8, 0))
    after = trigger.get_next_fire_time(None, local(2026, 3, 8, 8, 0))
    assert (before.hour, before.utcoffset()) == (7, timedelta(hours=-5))
    assert (after.hour, after.utcoffset()) == (7, timedelta(hours=-4))
