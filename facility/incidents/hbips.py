"""HBIPS-2 (hours of physical restraint) and HBIPS-3 (hours of seclusion) per 1,000 inpatient hours.

The arithmetic follows The Joint Commission's Specifications Manual for National Quality Measures: each
event in whole minutes, rounded up, at least 1 (data elements "Minutes of Physical Restraint" and "Minutes
of Seclusion"); time in physical restraint supersedes time in seclusion; an event without a start or stop
time is "unable to determine", never guessed — and so is a report that names a hold, a restraint or
seclusion with no episode documenting it, or one without its end; the denominator is (psychiatric inpatient
days − leave days) × 24. The figures are given overall and by the measure's age strata (1–12, 13–17, 18–64, 65
and over): a resident day counts in the stratum of the resident's age on that day, an episode in that of their age
on the day it began, so a resident who turns 18 in the period counts in both. A resident day counts on the unit
where the resident was at that local midnight: a transfer moves the days that follow.

The arithmetic, pure; reading it from the record is `facility.incidents.hbips_report`.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from facility.domain import Absence
from facility.incidents.codes import RESTRAINTS, SECLUSION

Interval = tuple[datetime, datetime]


@dataclass(frozen=True)
class Span:
    """An episode as HBIPS sees it: whose, which kind, from when to when (None: no end documented)."""

    id: int
    resident_id: int
    kind: str
    started_at: datetime
    ended_at: datetime | None


# The measure's age strata: (name, youngest, oldest).
STRATA = (("1-12", 1, 12), ("13-17", 13, 17), ("18-64", 18, 64), ("65+", 65, None))


def age_on(born: date, day: date) -> int:
    """Whole years of age on a day (a 29 February birthday comes of age on 1 March in common years)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def stratum_of(born: date | None, day: date) -> str | None:
    """The age stratum of someone born on `born`, on `day`; None under 1 or when the birth date is unknown."""
    if born is None:
        return None
    age = age_on(born, day)
    return next((name for name, low, high in STRATA if age >= low and (high is None or age <= high)), None)


@dataclass(frozen=True)
class Stay:
    """A resident's stay: admitted, discharged if they were, born when, and on which unit from when.

    `units` is ((since, unit_id), ...) in time order, the first from admission; empty when the unit does not
    matter (a report of everywhere)."""

    resident_id: int
    admitted_at: datetime
    discharged_at: datetime | None
    born: date | None = None
    units: tuple[tuple[datetime, int], ...] = ()

    def unit_at(self, moment: datetime) -> int | None:
        """The unit the resident was on at moment (None when the stay names no unit)."""
        unit = self.units[0][1] if self.units else None
        for since, unit_id in self.units:
            if since > moment:
                break
            unit = unit_id
        return unit


@dataclass(frozen=True)
class ReportedHold:
    """A submitted report that names a hold, restraint or seclusion, and the ends of the episodes documenting it."""

    id: int
    occurred_at: datetime
    episode_ends: tuple[datetime | None, ...]


def undetermined_reports(reports: list[ReportedHold], start: datetime, end: datetime) -> list[int]:
    """Reports of [start, end) whose hours cannot be known: no episode documents them, or one has no end yet.

    Counting such a month as zero hours would hide the hold; it is listed as not determinable instead.
    """
    return sorted(
        r.id
        for r in reports
        if start <= r.occurred_at < end and (not r.episode_ends or any(e is None for e in r.episode_ends))
    )


def whole_minutes(seconds: float) -> int:
    """A duration in whole minutes, rounded up, at least 1 (2 min 5 s → 3; 40 s → 1)."""
    return max(1, math.ceil(seconds / 60))


def _merge(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlap(interval: Interval, others: list[Interval]) -> float:
    return sum(max(0.0, (min(interval[1], b) - max(interval[0], a)).total_seconds()) for a, b in others)


def _within(span: Span, start: datetime, end: datetime) -> Interval | None:
    """The part of a documented span inside [start, end); an instant-long span counts where it happened."""
    if span.started_at >= end or span.ended_at < start or (span.ended_at == start and span.started_at < start):
        return None
    return max(span.started_at, start), min(span.ended_at, end)


def use_minutes(spans: list[Span], start: datetime, end: datetime) -> tuple[int, int, list[int]]:
    """(restraint minutes, seclusion minutes, ids not determinable) of the spans inside [start, end).

    Per resident: restraints that overlap are one stretch of restraint; seclusion minutes are those not
    also in restraint (restraint supersedes seclusion); each stretch is rounded up to whole minutes.
    """
    undetermined = sorted(s.id for s in spans if s.ended_at is None and s.started_at < end)
    restraint = seclusion = 0
    for resident in {s.resident_id for s in spans}:
        mine = [
            (s.kind, part)
            for s in spans
            if s.resident_id == resident and s.ended_at is not None and (part := _within(s, start, end)) is not None
        ]
        held = _merge([part for kind, part in mine if kind in RESTRAINTS])
        restraint += sum(whole_minutes((b - a).total_seconds()) for a, b in held)
        for a, b in _merge([part for kind, part in mine if kind == SECLUSION]):
            length = (b - a).total_seconds()
            alone = length - _overlap((a, b), held)
            if alone > 0 or (length == 0 and not any(x <= a <= y for x, y in held)):
                seclusion += whole_minutes(alone)
    return restraint, seclusion, undetermined


def midnights(start: datetime, end: datetime, zone: ZoneInfo) -> list[datetime]:
    """Every local midnight in [start, end), as UTC instants (a DST day still has exactly one)."""
    day: date = start.astimezone(zone).date()
    found = []
    while True:
        moment = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
        if moment >= end:
            return found
        if moment >= start:
            found.append(moment)
        day += timedelta(days=1)


@dataclass(frozen=True)
class ResidentNight:
    """One local midnight a resident was in care on a counted unit: their stratum then, and whether on leave."""

    stratum: str | None
    on_leave: bool


def resident_nights(
    stays: list[Stay],
    absences: list[Absence],
    nights: list[datetime],
    zone: ZoneInfo,
    unit_ids: set[int] | None = None,
) -> list[ResidentNight]:
    """Every (resident, midnight) at which the resident was admitted and not discharged, on one of unit_ids (any
    unit when None): a resident day; a leave day too when they were off the unit across that midnight."""
    counted = []
    for stay in stays:
        away = [a for a in absences if a.resident_id == stay.resident_id]
        for night in nights:
            if not (stay.admitted_at <= night and (stay.discharged_at is None or night < stay.discharged_at)):
                continue
            if unit_ids is not None and stay.unit_at(night) not in unit_ids:
                continue
            stratum = stratum_of(stay.born, night.astimezone(zone).date())
            counted.append(ResidentNight(stratum, any(a.covers(night) for a in away)))
    return counted


def census_days(
    stays: list[Stay], absences: list[Absence], nights: list[datetime], zone: ZoneInfo = UTC
) -> tuple[int, int]:
    """(resident days, leave days): one per midnight a resident was admitted and not discharged; a leave day
    when they were off the unit across that midnight."""
    counted = resident_nights(stays, absences, nights, zone)
    return len(counted), sum(n.on_leave for n in counted)


def _rate(hours: float, inpatient_hours: int) -> float | None:
    return round(hours / (inpatient_hours / 1000), 4) if inpatient_hours else None


def _measure(
    spans: list[Span], nights: list[ResidentNight], start: datetime, end: datetime, open_reports: list[int]
) -> dict[str, Any]:
    """The figures of one population: its episodes and its resident nights."""
    restraint, seclusion, undetermined = use_minutes(spans, start, end)
    resident_days = len(nights)
    leave_days = sum(n.on_leave for n in nights)
    inpatient_hours = (resident_days - leave_days) * 24
    return {
        "resident_days": resident_days,
        "leave_days": leave_days,
        "inpatient_hours": inpatient_hours,
        "restraint_hours": round(restraint / 60, 4),
        "seclusion_hours": round(seclusion / 60, 4),
        "hbips2_rate": _rate(restraint / 60, inpatient_hours),
        "hbips3_rate": _rate(seclusion / 60, inpatient_hours),
        "not_determinable": undetermined,
        "hours_determinable": not undetermined and not open_reports,
        "restraint_minutes": restraint,
        "seclusion_minutes": seclusion,
    }


def figures(
    spans: list[Span],
    stays: list[Stay],
    absences: list[Absence],
    start: datetime,
    end: datetime,
    zone: ZoneInfo,
    now: datetime | None = None,
    reports: list[ReportedHold] = (),
    unit_ids: set[int] | None = None,
) -> dict[str, Any]:
    """The HBIPS figures of [start, end), pure: the API's keys plus the minutes they come from, overall and in
    `strata` by age.

    Resident days count on unit_ids only (every unit when None), where the resident was at each midnight.
    Hours are not determinable while a report of the range names a restrictive intervention that no ended
    episode documents: its ids are `not_determinable_incidents`, and `hours_determinable` is False (in every
    stratum too: a report may name residents of several).

    Midnights still to come (after now) are no resident days yet: this month's report counts what has been.
    """
    nights = [m for m in midnights(start, end, zone) if now is None or m <= now]
    counted = resident_nights(stays, absences, nights, zone, unit_ids)
    open_reports = undetermined_reports(list(reports), start, end)
    born = {stay.resident_id: stay.born for stay in stays}
    strata = {}
    for name, _low, _high in STRATA:
        theirs = [s for s in spans if stratum_of(born.get(s.resident_id), s.started_at.astimezone(zone).date()) == name]
        strata[name] = _measure(theirs, [n for n in counted if n.stratum == name], start, end, open_reports)
    return {
        **_measure(spans, counted, start, end, open_reports),
        "not_determinable_incidents": open_reports,
        "not_determinable_incident_count": len(open_reports),
        "strata": strata,
    }


CSV_FIGURES = (
    "resident_days",
    "leave_days",
    "inpatient_hours",
    "restraint_hours",
    "seclusion_hours",
    "hbips2_rate",
    "hbips3_rate",
    "hours_determinable",
)


def as_csv(report: dict[str, Any], start: datetime, end: datetime) -> str:
    """The figures as the quality department types them into the reporting tool: one row overall, one a stratum."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["from", "to", "units", "stratum", *CSV_FIGURES])
    units = " ".join(map(str, report["unit_ids"]))
    rows = [("overall", report), *report["strata"].items()]
    for stratum, figures in rows:
        values = ["" if figures[key] is None else figures[key] for key in CSV_FIGURES]
        writer.writerow([start.isoformat(), end.isoformat(), units, stratum, *values])
    return out.getvalue()
