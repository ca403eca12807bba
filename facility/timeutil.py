"""Time arithmetic of the clinic: parsing, the facility's zone, an instant as the unit reads it, shift windows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app


def facility_zone() -> ZoneInfo:
    """The facility's time zone (FACILITY_TIMEZONE) in the running app: local days, shifts and times on screen."""
    return ZoneInfo(current_app.config["FACILITY_TIMEZONE"])


def local_when(value: str | datetime | None, zone: ZoneInfo) -> str:
    """A stored instant (ISO text or datetime) as the unit reads it: 'Thu 26 Nov 14:05'."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return f"{moment.astimezone(zone):%a %d %b %H:%M}"


def ensure_aware(value: datetime) -> datetime:
    """The same instant in UTC; a naive datetime is a programming error."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetime")
    return value.astimezone(UTC)


def parse_hhmm(text: str) -> time:
    """'07:00' → time(7, 0); raises ValueError on anything else."""
    hours, _, minutes = text.partition(":")
    if len(hours) != 2 or len(minutes) != 2 or not (hours + minutes).isdigit():
        raise ValueError(f"not HH:MM: {text!r}")
    return time(int(hours), int(minutes))


def local_to_utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    """A local wall time on a local day, as UTC (the earlier instant when the clock repeats)."""
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def local_day(moment: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) in UTC of the local day holding moment (23 or 25 hours on a DST day)."""
    day = moment.astimezone(zone).date()
    return local_to_utc(day, time(0), zone), local_to_utc(day + timedelta(days=1), time(0), zone)


@dataclass(frozen=True)
class ShiftWindow:
    """One shift of a unit: [start, end) in UTC, with the local start for display."""

    start: datetime
    end: datetime
    zone: ZoneInfo

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600

    def local_label(self) -> str:
        start, end = self.start.astimezone(self.zone), self.end.astimezone(self.zone)
        return f"{start:%a %d %b %H:%M}–{end:%H:%M} {end.tzname()}"


def shift_boundaries(starts: list[time], zone: ZoneInfo, first: date, last: date) -> list[datetime]:
    """Every shift start from local day first to last inclusive, in UTC, ascending."""
    out = []
    day = first
    while day <= last:
        out.extend(local_to_utc(day, at, zone) for at in starts)
        day += timedelta(days=1)
    return sorted(out)


def shift_containing(moment: datetime, starts: list[time], zone: ZoneInfo) -> ShiftWindow:
    """The shift in which moment falls."""
    local_day = ensure_aware(moment).astimezone(zone).date()
    bounds = shift_boundaries(starts, zone, local_day - timedelta(days=1), local_day + timedelta(days=1))
    for begin, end in zip(bounds, bounds[1:]):
        if begin <= moment < end:
            return ShiftWindow(begin, end, zone)
    raise ValueError("no shift contains that moment")  # unreachable with at least one start time


def last_completed_shift(now: datetime, starts: list[time], zone: ZoneInfo) -> ShiftWindow:
    """The most recent shift that has ended by now."""
    current = shift_containing(now, starts, zone)
    return shift_containing(current.start - timedelta(seconds=1), starts, zone)


def completed_shifts(since: datetime, now: datetime, starts: list[time], zone: ZoneInfo) -> list[ShiftWindow]:
    """Every shift that started at or after since and has ended by now, oldest first."""
    first = ensure_aware(since).astimezone(zone).date() - timedelta(days=1)
    last = ensure_aware(now).astimezone(zone).date() + timedelta(days=1)
    bounds = shift_boundaries(starts, zone, first, last)
    return [ShiftWindow(begin, end, zone) for begin, end in zip(bounds, bounds[1:]) if begin >= since and end <= now]
