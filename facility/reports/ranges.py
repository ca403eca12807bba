"""A report's time range, sliced into the unit's shifts in the facility's zone."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from marshmallow import Schema, ValidationError, validates_schema

from facility.schemas import Id, query_time
from facility.timeutil import parse_hhmm, shift_boundaries

REPORT_MAX_DAYS = 31


class RangeQuery(Schema):
    """A unit and a time range [from, to) of at most REPORT_MAX_DAYS days, both with an offset."""

    max_days = REPORT_MAX_DAYS

    unit_id = Id(required=True)
    from_ = query_time(required=True, data_key="from")
    to = query_time(required=True)

    @validates_schema
    def sensible_range(self, data, **_kwargs):
        if "from_" in data and "to" in data:
            span = data["to"] - data["from_"]
            if span.total_seconds() <= 0:
                raise ValidationError("must be after from", "to")
            if span.days >= self.max_days:
                raise ValidationError(f"at most {self.max_days} days after from", "to")


def shifts_between(
    shift_starts: list[str], zone: ZoneInfo, start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    """The unit's whole shifts that overlap [start, end), in order (DST days give 7- or 9-hour nights)."""
    if end <= start:
        return []
    first = start.astimezone(zone).date()
    bounds = shift_boundaries(
        [parse_hhmm(s) for s in shift_starts], zone, first - timedelta(days=1), end.astimezone(zone).date()
    )
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if a < end and b > start]


def shift_label(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    """'Wed 10 Jun 07:00–15:00 EDT' in the facility's zone."""
    return f"{start.astimezone(zone):%a %d %b %H:%M}–{end.astimezone(zone):%H:%M %Z}"
