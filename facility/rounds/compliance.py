"""Rounds compliance as a pure fold: checks and level timelines in, per-resident figures out."""
from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from facility.census.codes import ADMITTED, DISCHARGED, LEVEL_CHANGED, TRANSFERRED
from facility.rounds.levels import ObservationLevel


@dataclass(frozen=True)
class CheckAt:
    """A check in force (not voided): whose and when."""

    resident_id: int
    occurred_at: datetime


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
    longest_gap: Gap | None = None

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
    def percent_on_time(self) -> float | None:
        """Checks on time as a share of the checks the levels asked for (made + missed)."""
        asked = self.checks + self.missed
        return round(100 * self.on_time / asked, 1) if asked else None

    @property
    def longest(self) -> ResidentCompliance | None:
        """The resident with the longest gap."""
        gaps = [r for r in self.residents if r.longest_gap is not None]
        return max(gaps, key=lambda r: r.longest_gap.end - r.longest_gap.start, default=None)


def _level_at(spans: Sequence[LevelSpan], moment: datetime) -> ObservationLevel | None:
    index = bisect_right([s.since for s in spans], moment) - 1
    return spans[index].level if index >= 0 else None


def _left_after(spans: Sequence[LevelSpan], moment: datetime) -> datetime | None:
    return next((s.since for s in spans if s.since > moment and s.level is None), None)


def _on_unit_during(spans: Sequence[LevelSpan], window: Window) -> bool:
    ends = [s.since for s in spans[1:]] + [None]
    return any(span.level is not None and span.since < window.end and (until is None or until > window.start)
               for span, until in zip(spans, ends))


def _resident(rid: int, spans: Sequence[LevelSpan], checks: list[datetime], window: Window) -> ResidentCompliance | None:
    if not _on_unit_during(spans, window):
        return None
    before = [c for c in checks if c < window.start]
    anchor = before[-1] if before else next(s.since for s in spans if s.level is not None)
    figures = ResidentCompliance(rid)
    for moment in (c for c in checks if window.start <= c < window.end):
        level = _level_at(spans, moment)
        if level is None:
            continue
        figures.checks += 1
        figures.on_time += moment - anchor <= level.interval
        figures._gap(Gap(anchor, moment), level.interval)
        anchor = moment
    end = min(window.end, _left_after(spans, anchor) or window.end)
    level = _level_at(spans, end - timedelta(microseconds=1))
    if level is not None and end > anchor:
        figures._gap(Gap(anchor, end, open=True), level.interval)
    return figures


def rounds_compliance(checks: Iterable[CheckAt], levels: Mapping[int, Sequence[LevelSpan]],
                      window: Window) -> RoundsCompliance:
    """Fold checks (each resident's checks in the window plus at least their last one before it) over
    each resident's level timeline: checks made, on time (gap to the previous ≤ interval in force at the
    check), missed, longest gap and when. Residents are the keys of levels."""
    by_resident: dict[int, list[datetime]] = defaultdict(list)
    for check in checks:
        by_resident[check.resident_id].append(check.occurred_at)
    report = RoundsCompliance(window)
    for rid in sorted(levels):
        spans = sorted(levels[rid], key=lambda s: s.since)
        figures = _resident(rid, spans, sorted(by_resident.get(rid, [])), window)
        if figures is not None:
            report.residents.append(figures)
    return report


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
