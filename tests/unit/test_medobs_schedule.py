"""Dose windows, day attribution, DST and PRN limits: pure arithmetic, no database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from facility.medobs.schedule import dose_at, dose_for, doses_on, find_dose, prn_check

NY = ZoneInfo("America/New_York")
UTC = UTC


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_the_window_is_60_minutes_either_side_by_default():
    dose = dose_at(date(2026, 6, 10), "08:00", NY)
    assert dose.scheduled_for == utc(2026, 6, 10, 12, 0)
    assert (dose.window_start, dose.window_end) == (utc(2026, 6, 10, 11, 0), utc(2026, 6, 10, 13, 0))


def test_the_window_is_configurable():
    dose = dose_at(date(2026, 6, 10), "08:00", NY, timedelta(minutes=30))
    assert (dose.window_start, dose.window_end) == (utc(2026, 6, 10, 11, 30), utc(2026, 6, 10, 12, 30))


def test_a_dose_at_0030_belongs_to_the_day_it_was_scheduled_for():
    # Observed at 23:40 on 10 June: the 00:30 dose it is given for is the one of 11 June.
    observed = datetime(2026, 6, 10, 23, 40, tzinfo=NY)
    dose = dose_for(observed, ["00:30"], date(2026, 6, 1), None, NY)
    assert dose.day == date(2026, 6, 11)
    assert dose.scheduled_for == datetime(2026, 6, 11, 0, 30, tzinfo=NY)


def test_a_dose_observed_after_midnight_stays_on_the_day_before():
    # The 23:30 dose of 10 June, taken at 00:20 on 11 June, is the 10 June dose.
    observed = datetime(2026, 6, 11, 0, 20, tzinfo=NY)
    dose = dose_for(observed, ["23:30"], date(2026, 6, 1), None, NY)
    assert dose.day == date(2026, 6, 10)


def test_an_observation_outside_every_window_has_no_dose():
    assert dose_for(datetime(2026, 6, 10, 14, 0, tzinfo=NY), ["08:00", "20:00"], date(2026, 6, 1), None, NY) is None


def test_the_nearest_dose_wins_where_windows_overlap():
    times = ["08:00", "09:00"]
    dose = dose_for(datetime(2026, 6, 10, 8, 40, tzinfo=NY), times, date(2026, 6, 1), None, NY)
    assert dose.time == "09:00"


def test_a_0230_dose_on_the_spring_forward_night_falls_at_0330_daylight_time():
    # 8 March 2026: clocks jump from 02:00 EST to 03:00 EDT; 02:30 does not exist.
    dose = dose_at(date(2026, 3, 8), "02:30", NY)
    assert dose.scheduled_for == utc(2026, 3, 8, 7, 30)
    assert dose.scheduled_for.astimezone(NY).strftime("%H:%M %Z") == "03:30 EDT"
    assert len(doses_on(date(2026, 3, 8), ["02:30"], date(2026, 3, 1), None, NY)) == 1


def test_a_0130_dose_on_the_fall_back_night_is_given_once_at_the_first_0130():
    dose = dose_at(date(2026, 11, 1), "01:30", NY)
    assert dose.scheduled_for == utc(2026, 11, 1, 5, 30)  # 01:30 EDT, the first of the two
    assert len(doses_on(date(2026, 11, 1), ["01:30"], date(2026, 10, 1), None, NY)) == 1


def test_windows_stay_two_hours_wide_across_a_dst_change():
    dose = dose_at(date(2026, 3, 8), "02:30", NY)
    assert dose.window_end - dose.window_start == timedelta(hours=2)


def test_doses_keep_their_local_time_across_dst():
    before, after = dose_at(date(2026, 3, 7), "08:00", NY), dose_at(date(2026, 3, 9), "08:00", NY)
    assert before.scheduled_for.hour == 13 and after.scheduled_for.hour == 12


def test_an_order_has_no_doses_outside_its_dates():
    assert doses_on(date(2026, 6, 9), ["08:00"], date(2026, 6, 10), date(2026, 6, 12), NY) == []
    assert doses_on(date(2026, 6, 13), ["08:00"], date(2026, 6, 10), date(2026, 6, 12), NY) == []
    assert len(doses_on(date(2026, 6, 12), ["08:00"], date(2026, 6, 10), date(2026, 6, 12), NY)) == 1


def test_find_dose_knows_only_the_scheduled_instants():
    assert find_dose(utc(2026, 6, 10, 12, 0), ["08:00"], date(2026, 6, 1), None, NY).time == "08:00"
    assert find_dose(utc(2026, 6, 10, 12, 5), ["08:00"], date(2026, 6, 1), None, NY) is None


def test_a_dose_is_missed_once_its_window_has_closed_unobserved():
    dose = dose_at(date(2026, 6, 10), "08:00", NY)
    assert dose.status(False, dose.window_end - timedelta(seconds=1)) == "pending"
    assert dose.status(False, dose.window_end) == "missed"
    assert dose.status(True, dose.window_end + timedelta(hours=5)) == "observed"


def test_a_prn_within_its_maximum_is_allowed():
    now = utc(2026, 6, 10, 12)
    assert prn_check([now - timedelta(hours=5)], now, 2).allowed


def test_a_prn_at_its_maximum_is_refused_until_the_oldest_dose_is_24_hours_old():
    now = utc(2026, 6, 10, 12)
    given = [now - timedelta(hours=20), now - timedelta(hours=2)]
    check = prn_check(given, now, 2)
    assert not check.allowed and check.given == 2
    assert check.next_allowed_at == now + timedelta(hours=4)


def test_doses_older_than_24_hours_do_not_count():
    now = utc(2026, 6, 10, 12)
    assert prn_check([now - timedelta(hours=24), now - timedelta(hours=25)], now, 1).allowed
