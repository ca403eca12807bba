"""HBIPS by age stratum and across transfers, on hand-made stays: the arithmetic is done by hand beside each case."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from facility.incidents.hbips import Span, Stay, age_on, as_csv, figures, stratum_of

NY = ZoneInfo("America/New_York")
# [10 June 00:00, 13 June 00:00) local: three midnights, 10, 11 and 12 June.
START, END = datetime(2026, 6, 10, tzinfo=NY), datetime(2026, 6, 13, tzinfo=NY)
BEFORE = datetime(2026, 6, 9, 20, 0, tzinfo=NY)


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (date(2008, 6, 11), date(2026, 6, 10), 17),
        (date(2008, 6, 11), date(2026, 6, 11), 18),  # the birthday itself
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),  # a leap-day birthday comes of age on 1 March
    ],
)
def test_age_is_whole_years_on_the_day(born, day, age):
    assert age_on(born, day) == age


@pytest.mark.parametrize(
    ("age", "stratum"),
    [(0, None), (1, "1-12"), (12, "1-12"), (13, "13-17"), (17, "13-17"), (18, "18-64"), (64, "18-64"), (65, "65+")],
)
def test_the_strata_meet_at_their_edges(age, stratum):
    day = date(2026, 6, 10)
    assert stratum_of(date(day.year - age, 6, 10), day) == stratum


def test_a_resident_who_turns_18_in_the_period_counts_in_both_strata_and_an_episode_in_the_age_of_its_day():
    turning = Stay(1, BEFORE, None, born=date(2008, 6, 11))  # 17 at the 10th's midnight, 18 at the 11th's and 12th's
    elder = Stay(2, BEFORE, None, born=date(1956, 1, 1))  # 70 throughout
    hold = Span(
        7, 1, "physical_hold", datetime(2026, 6, 10, 12, 0, tzinfo=NY), datetime(2026, 6, 10, 12, 10, tzinfo=NY)
    )
    result = figures([hold], [turning, elder], [], START, END, NY)
    strata = result["strata"]
    assert result["resident_days"] == 6
    assert (strata["13-17"]["resident_days"], strata["18-64"]["resident_days"], strata["65+"]["resident_days"]) == (
        1,
        2,
        3,
    )
    assert strata["1-12"]["resident_days"] == 0 and strata["1-12"]["hbips2_rate"] is None
    # 10 minutes of hold on the 10th, when the resident was 17: 1/6 h over 24 inpatient hours
    assert strata["13-17"]["restraint_minutes"] == 10
    assert strata["13-17"]["hbips2_rate"] == round((10 / 60) / (24 / 1000), 4)
    assert strata["18-64"]["restraint_minutes"] == 0 and strata["18-64"]["hbips2_rate"] == 0.0
    assert result["restraint_minutes"] == 10 and result["hbips2_rate"] == round((10 / 60) / (6 * 24 / 1000), 4)


def test_a_transfer_moves_the_resident_days_that_follow_it_to_the_new_unit():
    # On North (1) from admission, moved to South (2) at noon on the 11th: North has the 10th's and 11th's
    # midnights, South the 12th's.
    moved = Stay(1, BEFORE, None, born=date(1990, 1, 1), units=((BEFORE, 1), (datetime(2026, 6, 11, 12, tzinfo=NY), 2)))
    stayed = Stay(2, BEFORE, None, born=date(1990, 1, 1), units=((BEFORE, 2),))
    north = figures([], [moved, stayed], [], START, END, NY, unit_ids={1})
    south = figures([], [moved, stayed], [], START, END, NY, unit_ids={2})
    both = figures([], [moved, stayed], [], START, END, NY, unit_ids={1, 2})
    assert (north["resident_days"], south["resident_days"], both["resident_days"]) == (2, 4, 6)
    assert north["strata"]["18-64"]["resident_days"] == 2


def test_a_transfer_at_midnight_counts_that_midnight_on_the_new_unit():
    midnight = datetime(2026, 6, 11, tzinfo=NY)
    moved = Stay(1, BEFORE, None, born=date(1990, 1, 1), units=((BEFORE, 1), (midnight, 2)))
    assert figures([], [moved], [], START, END, NY, unit_ids={1})["resident_days"] == 1
    assert figures([], [moved], [], START, END, NY, unit_ids={2})["resident_days"] == 2


def test_the_csv_has_a_row_overall_and_one_a_stratum_with_blanks_for_no_rate():
    stays = [Stay(1, BEFORE, None, born=date(1956, 1, 1))]
    report = {**figures([], stays, [], START, END - timedelta(days=2), NY), "unit_ids": [1, 2]}
    lines = as_csv(report, START, END - timedelta(days=2)).splitlines()
    assert lines[0] == (
        "from,to,units,stratum,resident_days,leave_days,inpatient_hours,restraint_hours,seclusion_hours,"
        "hbips2_rate,hbips3_rate,hours_determinable"
    )
    assert [line.split(",")[3] for line in lines[1:]] == ["overall", "1-12", "13-17", "18-64", "65+"]
    assert lines[1].split(",")[4:] == ["1", "0", "24", "0.0", "0.0", "0.0", "0.0", "True"]
    assert lines[2].split(",")[4:] == ["0", "0", "0", "0.0", "0.0", "", "", "True"]
