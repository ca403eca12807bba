"""The UTC timestamp type and the late/future entry rules."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from facility.db import UTCDateTime
from facility.errors import Invalid
from facility.records.log import late_entry

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LATE, AHEAD = timedelta(minutes=10), timedelta(minutes=2)


def test_naive_datetime_is_refused_before_it_reaches_the_database():
    with pytest.raises(ValueError, match="naive"):
        UTCDateTime().process_bind_param(datetime(2026, 3, 1, 12, 0), sqlite.dialect())


def test_an_offset_timestamp_is_stored_as_the_same_instant_in_utc():
    local = datetime(2026, 3, 1, 7, 0, tzinfo=ZoneInfo("America/New_York"))
    stored = UTCDateTime().process_bind_param(local, postgresql.dialect())
    assert stored == NOW and stored.utcoffset() == timedelta(0)


def test_sqlite_values_come_back_aware_in_utc():
    stored = UTCDateTime().process_bind_param(NOW, sqlite.dialect())
    loaded = UTCDateTime().process_result_value(stored, sqlite.dialect())
    assert loaded == NOW and loaded.tzinfo is not None


def test_entry_within_the_late_threshold_is_not_flagged():
    assert late_entry(NOW - timedelta(minutes=9), NOW, LATE, AHEAD) is False


def test_entry_older_than_the_threshold_is_flagged_late():
    assert late_entry(NOW - timedelta(minutes=11), NOW, LATE, AHEAD) is True


def test_small_client_clock_skew_into_the_future_is_accepted():
    assert late_entry(NOW + timedelta(seconds=110), NOW, LATE, AHEAD) is False


def test_more_than_two_minutes_in_the_future_is_refused_naming_the_field():
    with pytest.raises(Invalid) as refused:
        late_entry(NOW + timedelta(minutes=3), NOW, LATE, AHEAD)
    assert "occurred_at" in refused.value.errors
