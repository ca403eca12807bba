"""The HBIPS page's months: local midnights on the first of each month, whatever the DST offset; the chart's scale."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from facility.incidents.pages import chart, month_ranges

NEW_YORK = ZoneInfo("America/New_York")


def test_twelve_months_end_with_the_current_one_cut_at_now():
    now = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)  # 22:00 on 25 November in New York
    months = month_ranges(now, NEW_YORK)
    assert len(months) == 12
    assert months[0][0] == datetime(2025, 12, 1, tzinfo=NEW_YORK)
    assert months[-1] == (datetime(2026, 11, 1, tzinfo=NEW_YORK), now, True)
    assert [end for _start, end, _so_far in months[:-1]] == [start for start, _end, _so_far in months[1:]]


def test_each_month_starts_at_local_midnight_in_winter_and_in_summer_time():
    months = month_ranges(datetime(2027, 1, 15, 12, tzinfo=UTC), NEW_YORK)
    starts = {start.strftime("%b"): start.astimezone(UTC).hour for start, _end, _so_far in months}
    assert starts["Mar"] == 5  # EST, UTC−5: DST begins on the 8th, after the month starts
    assert starts["Apr"] == 4  # EDT, UTC−4
    assert starts["Nov"] == 4  # still EDT on 1 November 2026 (DST ends on the 1st at 02:00)
    assert starts["Dec"] == 5


def test_the_chart_scales_to_the_highest_rate_and_draws_no_bar_without_a_rate():
    months = [
        {"hbips2_rate": 2.0, "hbips3_rate": None, "label": "Oct 2026", "short": "Oct"},
        {"hbips2_rate": 0.5, "hbips3_rate": 1.0, "label": "Nov 2026", "short": "Nov"},
    ]
    drawn = chart(months)
    heights = [bar["height"] for bar in drawn["bars"]]
    assert drawn["top"] == 2.0
    assert heights == [160.0, 0.0, 40.0, 80.0]
