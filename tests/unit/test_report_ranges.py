"""Report scaffolding: the range check and the shifts of a range, DST nights included."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from facility.reports.ranges import RangeQuery, shift_label, shifts_between

NY = ZoneInfo("America/New_York")
STARTS = ["07:00", "15:00", "23:00"]


def test_a_range_must_run_forwards_and_stay_under_the_limit():
    assert "to" in RangeQuery().validate({"unit_id": 1, "from": "2026-06-10T00:00:00Z", "to": "2026-06-09T00:00:00Z"})
    assert "to" in RangeQuery().validate({"unit_id": 1, "from": "2026-06-01T00:00:00Z", "to": "2026-07-15T00:00:00Z"})
    assert RangeQuery().validate({"unit_id": 1, "from": "2026-06-01T00:00:00Z", "to": "2026-06-02T00:00:00Z"}) == {}


def test_the_fall_back_night_shift_lasts_nine_hours():
    start = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)  # 07:00 EST on the fall-back day
    shifts = shifts_between(STARTS, NY, start, datetime(2026, 11, 2, 13, 0, tzinfo=UTC))
    night = [(a, b) for a, b in shifts if a.astimezone(NY).hour == 23]
    assert [(b - a).total_seconds() / 3600 for a, b in night] == [8.0]  # 23:00 Sun → 07:00 Mon, no change inside
    saturday = shifts_between(
        STARTS, NY, datetime(2026, 10, 31, 12, 0, tzinfo=UTC), datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    )
    assert [round((b - a).total_seconds() / 3600) for a, b in saturday][-1] == 9
    assert shift_label(*saturday[-1], NY).startswith("Sat 31 Oct 23:00–07:00")
