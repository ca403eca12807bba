"""The rounds section of the handoff: compliance, gaps, behaviour seen, checks due next."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from facility.handoff.contribution import Contribution, event_line, local_time
from facility.handoff.facts import ShiftFacts
from facility.rounds.levels import ObservationLevel

BEHAVIOUR_STATES = {"agitated", "self_harm_behavior"}


def _level_at(facts: ShiftFacts, resident_id: int, moment: datetime, current: str) -> ObservationLevel:
    """The level in force at moment, walking the shift's level changes."""
    changes = [e for e in facts.of_kind("observation.level_changed") if e.resident_id == resident_id]
    level = changes[0].data.get("from", current) if changes else current
    for change in changes:
        if change.occurred_at <= moment:
            level = change.data.get("to", level)
    return ObservationLevel(level)


@dataclass
class _Gaps:
    """Running totals of the rounds fold."""

    made: int = 0
    on_time: int = 0
    missed: int = 0
    longest: timedelta = timedelta(0)
    whose: int | None = None
    since: datetime | None = None


def _fold_resident_checks(facts: ShiftFacts, resident, totals: _Gaps, out: Contribution) -> None:
    """Measure each gap against the level in force; a level change restarts the clock at the new interval."""
    start, end = facts.window.start, facts.window.end
    checks = sorted(e.occurred_at for e in facts.of_kind("rounds.check") if e.resident_id == resident.id)
    changes = [e.occurred_at for e in facts.of_kind("observation.level_changed") if e.resident_id == resident.id]
    previous = max(facts.checks_before.get(resident.id) or start, resident.admitted_at)
    stop = min(end, resident.discharged_at or end)
    for moment in [*checks, stop]:
        interval = _level_at(facts, resident.id, moment, resident.level).interval
        anchor = max([previous, *(c for c in changes if previous < c <= moment)])
        gap = moment - anchor
        if moment is not stop:
            totals.made += 1
            totals.on_time += gap <= interval
        if gap > interval:
            totals.missed += -(-gap // interval) - 1
        if gap > totals.longest:
            totals.longest, totals.whose, totals.since = gap, resident.id, anchor
        if moment is not stop:
            previous = moment
    level = _level_at(facts, resident.id, end, resident.level)
    due = max([previous, *(c for c in changes if c > previous)]) + level.interval
    if resident.discharged_at is None and level.close:
        verb = "overdue since" if due < end else "next check due"
        out.note(resident.id).actions.append(f"{verb} {local_time(facts, due)} ({level.value})")


def rounds(facts: ShiftFacts) -> Contribution:
    """Rounds compliance: checks made, on time, missed, and the longest gap and whose."""
    out = Contribution("rounds", {})
    totals = _Gaps()
    for resident in facts.residents:
        if resident.admitted_at < facts.window.end and not (
                resident.discharged_at and resident.discharged_at <= facts.window.start):
            _fold_resident_checks(facts, resident, totals, out)
    names = {r.id: r.display_name for r in facts.residents}
    out.section = {
        "checks": totals.made, "on_time": totals.on_time,
        "on_time_pct": round(100 * totals.on_time / totals.made, 1) if totals.made else None,
        "missed": totals.missed, "longest_gap_minutes": int(totals.longest.total_seconds() // 60),
        "longest_gap_resident_id": totals.whose, "longest_gap_display_name": names.get(totals.whose),
        "longest_gap_from": totals.since.isoformat() if totals.since else None,
    }
    for event in facts.of_kind("rounds.check"):
        state, where = event.data.get("state"), event.data.get("location")
        if state in BEHAVIOUR_STATES:
            out.note(event.resident_id).watcher.append(f"behaviour change: {state.replace('_', ' ')}")
            out.note(event.resident_id).events.append(event_line(facts, event, f"seen {state.replace('_', ' ')}"))
        if where == "unable_to_locate":
            out.note(event.resident_id).events.append(event_line(facts, event, "could not be located"))
    return out
