"""When doses fall due: pure arithmetic over an order's local times, the facility's zone and the window.

A dose belongs to the local day it is scheduled for: the 00:30 dose of 11 March is 00:30 on 11 March, even
when it is observed at 23:40 on 10 March (inside its window). Local times become instants per day through
zoneinfo. A time that does not exist on a spring-forward night (02:30 in America/New_York) is read with the
offset in force before the jump (zoneinfo's fold=0), so the 02:30 dose falls at 03:30 local time that day;
a time that occurs twice on the fall-back night is the first of the two. Either way one dose a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from facility.timeutil import parse_hhmm

DEFAULT_WINDOW = timedelta(minutes=60)
PRN_DAY = timedelta(hours=24)
FOLLOWUP_AFTER = timedelta(minutes=60)
FOLLOWUP_GRACE = timedelta(minutes=30)


@dataclass(frozen=True)
class Dose:
    """One scheduled dose: the local day and time it is for, its instant and its window."""

    day: date
    time: str
    scheduled_for: datetime
    window_start: datetime
    window_end: datetime

    def status(self, observed: bool, now: datetime) -> str:
        """observed, missed (the window has closed without an observation) or pending."""
        if observed:
            return "observed"
        return "missed" if now >= self.window_end else "pending"


def scheduled_instant(day: date, hhmm: str, zone: ZoneInfo) -> datetime:
    """The UTC instant of local hhmm on day; a non-existent local time is read with the earlier offset."""
    local = datetime.combine(day, parse_hhmm(hhmm), tzinfo=zone)
    return local.astimezone(UTC)


def dose_at(day: date, hhmm: str, zone: ZoneInfo, window: timedelta = DEFAULT_WINDOW) -> Dose:
    """The dose of local time hhmm on local day, with its ± window (absolute minutes, so DST does not stretch it)."""
    at = scheduled_instant(day, hhmm, zone)
    return Dose(day, hhmm, at, at - window, at + window)


def active_on(day: date, start: date, end: date | None) -> bool:
    """Whether an order running from start to end (inclusive, open when None) covers day."""
    return start <= day and (end is None or day <= end)


def doses_on(
    day: date, times: list[str], start: date, end: date | None, zone: ZoneInfo, window: timedelta = DEFAULT_WINDOW
) -> list[Dose]:
    """The doses of one order on one local day, in time order (none outside its start and end dates)."""
    if not active_on(day, start, end):
        return []
    return sorted((dose_at(day, t, zone, window) for t in set(times)), key=lambda d: d.scheduled_for)


def doses_between(
    times: list[str],
    start: date,
    end: date | None,
    zone: ZoneInfo,
    since: datetime,
    until: datetime,
    window: timedelta = DEFAULT_WINDOW,
) -> list[Dose]:
    """Every dose scheduled in [since, until), across the local days those instants touch."""
    first = since.astimezone(zone).date() - timedelta(days=1)
    last = until.astimezone(zone).date() + timedelta(days=1)
    out, day = [], first
    while day <= last:
        out += [d for d in doses_on(day, times, start, end, zone, window) if since <= d.scheduled_for < until]
        day += timedelta(days=1)
    return out


def dose_for(
    moment: datetime,
    times: list[str],
    start: date,
    end: date | None,
    zone: ZoneInfo,
    window: timedelta = DEFAULT_WINDOW,
) -> Dose | None:
    """The dose whose window holds moment (the nearest when two windows overlap); None outside every window."""
    near = doses_between(times, start, end, zone, moment - window, moment + window + timedelta(seconds=1), window)
    inside = [d for d in near if d.window_start <= moment <= d.window_end]
    return min(inside, key=lambda d: abs(d.scheduled_for - moment), default=None)


def find_dose(
    scheduled_for: datetime,
    times: list[str],
    start: date,
    end: date | None,
    zone: ZoneInfo,
    window: timedelta = DEFAULT_WINDOW,
) -> Dose | None:
    """The order's dose scheduled at exactly that instant, if there is one."""
    day = scheduled_for.astimezone(zone).date()
    for candidate in (day, day - timedelta(days=1), day + timedelta(days=1)):
        for dose in doses_on(candidate, times, start, end, zone, window):
            if dose.scheduled_for == scheduled_for:
                return dose
    return None


@dataclass(frozen=True)
class PrnCheck:
    """Whether one more PRN dose may be given now, and if not, from when."""

    allowed: bool
    given: int
    maximum: int | None
    next_allowed_at: datetime | None = None


def prn_check(given_at: list[datetime], moment: datetime, maximum: int | None) -> PrnCheck:
    """At most `maximum` given doses in any 24 hours ending at moment; none when there is no maximum."""
    recent = sorted(t for t in given_at if moment - PRN_DAY < t <= moment)
    if maximum is None or len(recent) < maximum:
        return PrnCheck(True, len(recent), maximum)
    # The window frees one place when the oldest dose that fills it is 24 h old.
    return PrnCheck(False, len(recent), maximum, recent[len(recent) - maximum] + PRN_DAY)


def followup_due(given_at: datetime) -> datetime:
    """A PRN's effectiveness is checked 60 minutes after it was given."""
    return given_at + FOLLOWUP_AFTER


def followup_overdue_at(due_at: datetime) -> datetime:
    """An undocumented follow-up becomes an alert 30 minutes after it fell due."""
    return due_at + FOLLOWUP_GRACE
