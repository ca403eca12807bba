"""Rounds compliance as a pure fold: checks and level timelines in, per-resident figures out."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from facility.census.codes import ADMITTED, DISCHARGED, LEVEL_CHANGED, TRANSFERRED
from facility.census.levels import ObservationLevel
from facility.rounds.due import check_interval


@dataclass(frozen=True)
class CheckAt:
    """A check in force (not voided): whose and when; who made it and how their presence was proved."""

    resident_id: int
    occurred_at: datetime
    actor_id: int | None = None
    scanned: bool = False  # proved by a scan read at the check (presence.validated)
    reason: str | None = None  # why a check was not scanned, when the worker gave one
    # False when the check did not see the resident (unable to locate, breathing not seen): it is no check of
    # them, on time or not, and the gap runs on from the last sighting.
    seen: bool = True


@dataclass(frozen=True)
class LevelSpan:
    """From `since` on, the resident's level on this unit; None while not on the unit."""

    since: datetime
    level: ObservationLevel | None


@dataclass(frozen=True)
class Window:
    """[start, end) in UTC; the caller clips end to now for a shift still running."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class Gap:
    """Time between two checks (or from the last check to the window's end when `open`)."""

    start: datetime
    end: datetime
    open: bool = False

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass
class ResidentCompliance:
    """One resident's rounds in a window."""

    resident_id: int
    checks: int = 0
    on_time: int = 0
    missed: int = 0
    not_seen: int = 0  # checks that did not see the resident (not counted in checks)
    longest_gap: Gap | None = None
    made: list[tuple[CheckAt, bool]] = field(default_factory=list)  # each check in the window, and if on time

    @property
    def late(self) -> int:
        return self.checks - self.on_time

    def _gap(self, gap: Gap, interval: timedelta) -> None:
        # Checks that would have been needed to keep every gap within the interval.
        self.missed += max(0, math.ceil((gap.end - gap.start) / interval) - 1)
        if self.longest_gap is None or gap.end - gap.start > self.longest_gap.end - self.longest_gap.start:
            self.longest_gap = gap


@dataclass
class RoundsCompliance:
    """A unit's rounds in a window: every resident who was on the unit in it."""

    window: Window
    residents: list[ResidentCompliance] = field(default_factory=list)

    @property
    def checks(self) -> int:
        return sum(r.checks for r in self.residents)

    @property
    def on_time(self) -> int:
        return sum(r.on_time for r in self.residents)

    @property
    def missed(self) -> int:
        return sum(r.missed for r in self.residents)

    @property
    def not_seen(self) -> int:
        return sum(r.not_seen for r in self.residents)

    @property
    def percent_on_time(self) -> float | None:
        """Checks on time as a share of the checks the levels asked for (made + missed)."""
        asked = self.checks + self.missed
        return round(100 * self.on_time / asked, 1) if asked else None

    @property
    def made(self) -> list[tuple[CheckAt, bool]]:
        return [m for r in self.residents for m in r.made]

    @property
    def validated(self) -> int:
        return sum(check.scanned for check, _ in self.made)

    @property
    def percent_validated(self) -> float | None:
        """Checks proved by a scan as a share of the checks made."""
        return percent(self.validated, self.checks)

    @property
    def unscanned_reasons(self) -> dict[str, int]:
        """The reasons given for checks not scanned, most frequent first."""
        return reasons_of(check for check, _ in self.made)

    @property
    def longest(self) -> ResidentCompliance | None:
        """The resident with the longest gap."""
        gaps = [r for r in self.residents if r.longest_gap is not None]
        return max(gaps, key=lambda r: r.longest_gap.end - r.longest_gap.start, default=None)


def percent(part: int, whole: int) -> float | None:
    """part of whole in %, one decimal; None of nothing."""
    return round(100 * part / whole, 1) if whole else None


def reasons_of(checks: Iterable[CheckAt]) -> dict[str, int]:
    """How often each reason for not scanning was given, most frequent first."""
    counted = Counter(c.reason for c in checks if not c.scanned and c.reason)
    return dict(sorted(counted.items(), key=lambda item: (-item[1], item[0])))


@dataclass(frozen=True)
class StaffCompliance:
    """One staff member's checks in a window: how many, how many on time, how many proved by a scan."""

    user_id: int | None
    checks: int
    on_time: int
    validated: int
    unscanned_reasons: dict[str, int]

    @property
    def percent_on_time(self) -> float | None:
        return percent(self.on_time, self.checks)

    @property
    def percent_validated(self) -> float | None:
        return percent(self.validated, self.checks)


def staff_compliance(made: Iterable[tuple[CheckAt, bool]]) -> list[StaffCompliance]:
    """Checks made (each with whether it was on time: its gap to the resident's previous check within the
    interval in force, as RoundsCompliance.made gives them) folded per staff member, most checks first."""
    by_staff: dict[int | None, list[tuple[CheckAt, bool]]] = defaultdict(list)
    for check, on_time in made:
        by_staff[check.actor_id].append((check, on_time))
    figures = [
        StaffCompliance(
            user_id,
            len(made),
            sum(ok for _, ok in made),
            sum(c.scanned for c, _ in made),
            reasons_of(c for c, _ in made),
        )
        for user_id, made in by_staff.items()
    ]
    return sorted(figures, key=lambda f: (-f.checks, f.user_id or 0))


def staff_rows(made: Iterable[tuple[CheckAt, bool]], names: Mapping[int, str]) -> list[dict[str, Any]]:
    """staff_compliance as rows for the report and the handoff, each staff member named."""
    return [
        {
            "user_id": f.user_id,
            "name": names.get(f.user_id, "unknown"),
            "checks": f.checks,
            "on_time": f.on_time,
            "on_time_pct": f.percent_on_time,
            "validated": f.validated,
            "validated_pct": f.percent_validated,
            "unscanned_reasons": f.unscanned_reasons,
        }
        for f in staff_compliance(made)
    ]


def _level_at(spans: Sequence[LevelSpan], moment: datetime) -> ObservationLevel | None:
    index = bisect_right([s.since for s in spans], moment) - 1
    return spans[index].level if index >= 0 else None


def _left_after(spans: Sequence[LevelSpan], moment: datetime) -> datetime | None:
    return next((s.since for s in spans if s.since > moment and s.level is None), None)


def _on_unit_during(spans: Sequence[LevelSpan], window: Window) -> bool:
    ends = [s.since for s in spans[1:]] + [None]
    return any(
        span.level is not None and span.since < window.end and (until is None or until > window.start)
        for span, until in zip(spans, ends)
    )


def _resident(rid: int, spans: Sequence[LevelSpan], checks: list[CheckAt], window: Window) -> ResidentCompliance | None:
    if not _on_unit_during(spans, window):
        return None
    before = [c.occurred_at for c in checks if c.occurred_at < window.start and c.seen]
    anchor = before[-1] if before else next(s.since for s in spans if s.level is not None)
    figures = ResidentCompliance(rid)
    for check in (c for c in checks if window.start <= c.occurred_at < window.end):
        moment = check.occurred_at
        level = _level_at(spans, moment)
        if level is None:
            continue
        if not check.seen:
            figures.not_seen += 1
            continue
        on_time = moment - anchor <= check_interval(level)
        figures.checks += 1
        figures.on_time += on_time
        figures.made.append((check, on_time))
        figures._gap(Gap(anchor, moment), check_interval(level))
        anchor = moment
    end = min(window.end, _left_after(spans, anchor) or window.end)
    level = _level_at(spans, end - timedelta(microseconds=1))
    if level is not None and end > anchor:
        figures._gap(Gap(anchor, end, open=True), check_interval(level))
    return figures


def rounds_compliance(
    checks: Iterable[CheckAt], levels: Mapping[int, Sequence[LevelSpan]], window: Window
) -> RoundsCompliance:
    """Fold checks (each resident's checks in the window plus at least their last one before it) over
    each resident's level timeline: checks made, on time (gap to the previous ≤ interval in force at the
    check), missed, longest gap and when. Residents are the keys of levels."""
    return compliance_by_window(checks, levels, [window])[0]


def compliance_by_window(
    checks: Iterable[CheckAt], levels: Mapping[int, Sequence[LevelSpan]], windows: Sequence[Window]
) -> list[RoundsCompliance]:
    """rounds_compliance of each window, sorting the checks once: a month of days costs one pass, not thirty."""
    by_resident: dict[int, list[CheckAt]] = defaultdict(list)
    for check in checks:
        by_resident[check.resident_id].append(check)
    residents = []
    for rid in sorted(levels):
        mine = sorted(by_resident.get(rid, []), key=lambda c: c.occurred_at)
        residents.append((rid, sorted(levels[rid], key=lambda s: s.since), mine, [c.occurred_at for c in mine]))
    reports = []
    for window in windows:
        report = RoundsCompliance(window)
        for rid, spans, mine, times in residents:
            first, end = bisect_left(times, window.start), bisect_left(times, window.end)
            # The window's checks and the last sighting before it, which anchors the first gap.
            anchor = first - 1
            while anchor > 0 and not mine[anchor].seen:
                anchor -= 1
            figures = _resident(rid, spans, mine[max(anchor, 0) : end], window)
            if figures is not None:
                report.residents.append(figures)
        reports.append(report)
    return reports


@dataclass(frozen=True)
class CensusChange:
    """An admission, level change, transfer or discharge, as the timeline needs it."""

    resident_id: int
    kind: str
    occurred_at: datetime
    unit_id: int
    data: Mapping[str, Any]


def level_timelines(changes: Iterable[CensusChange], unit_id: int) -> dict[int, list[LevelSpan]]:
    """Each resident's LevelSpans on unit_id, folded from their census events in time order."""
    timelines: dict[int, list[LevelSpan]] = defaultdict(list)
    level: dict[int, str] = {}
    here: dict[int, bool] = {}
    for change in sorted(changes, key=lambda c: c.occurred_at):
        rid, data = change.resident_id, change.data
        if change.kind == ADMITTED:
            level[rid], here[rid] = data["observation_level"], change.unit_id == unit_id
        elif change.kind == LEVEL_CHANGED:
            level[rid] = data["to"]
        elif change.kind == TRANSFERRED:
            here[rid] = data["to_unit_id"] == unit_id
        elif change.kind == DISCHARGED:
            here[rid] = False
        else:
            continue
        current = ObservationLevel(level[rid]) if here.get(rid) and rid in level else None
        timelines[rid].append(LevelSpan(change.occurred_at, current))
    return dict(timelines)
