"""The rounds section of the handoff: compliance, behaviour seen, checks due next — from the shift's facts."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from facility.census.levels import ObservationLevel
from facility.census.models import Resident
from facility.rounds.codes import ASLEEP, MISSING, not_seen_reason
from facility.rounds.compliance import CheckAt, LevelSpan, Window, rounds_compliance, staff_rows
from facility.rounds.due import check_interval
from facility.rounds.presence import ScanTiming, scan_timing
from facility.rounds.state import check_at, last_checks
from facility.sections import Contribution, ResidentFact, ShiftFacts, event_line, local_time
from facility.timeutil import ShiftWindow
from facility.words import count, say

BEHAVIOUR_STATES = {"agitated", "self_harm_behavior"}


def gather(session: Session, unit: Any, window: ShiftWindow) -> dict[str, Any]:
    """Each resident's last check before the shift, bounded to the day before (cost follows the shift); and
    when a scan counts (the app's ScanTiming)."""
    ids = list(
        session.scalars(
            select(Resident.id).where(
                Resident.unit_id == unit.id,
                Resident.admitted_at < window.end,
                or_(Resident.discharged_at.is_(None), Resident.discharged_at >= window.start),
            )
        )
    )
    return {
        "checks_before": last_checks(session, ids, before=window.start, since=window.start - timedelta(days=1)),
        "scan_timing": scan_timing(),
    }


def _checks_before(facts: ShiftFacts) -> dict[int, datetime]:
    return facts.extra("rounds", {}).get("checks_before", {})


def _timeline(facts: ShiftFacts, resident: ResidentFact) -> list[LevelSpan]:
    """The resident's levels over the shift, rebuilt from the shift's level changes and their current level."""
    changes = [e for e in facts.of_kind("observation.level_changed") if e.resident_id == resident.id]
    first_level = changes[0].data.get("from", resident.level) if changes else resident.level
    # With no check known before the shift, its start is where the lead's view of the gap begins.
    since = max(
        resident.admitted_at, min(_checks_before(facts).get(resident.id, facts.window.start), facts.window.start)
    )
    spans = [LevelSpan(since, ObservationLevel(first_level))]
    spans += [LevelSpan(c.occurred_at, ObservationLevel(c.data.get("to", first_level))) for c in changes]
    if resident.discharged_at is not None:
        spans.append(LevelSpan(resident.discharged_at, None))
    return spans


def rounds(facts: ShiftFacts) -> Contribution:
    """Rounds compliance through the rounds fold, plus what each resident's checks said."""
    out = Contribution("rounds", {})
    timing = facts.extra("rounds", {}).get("scan_timing") or ScanTiming()
    checks = [check_at(e.resident_id, e.occurred_at, e.actor_id, e.data, timing) for e in facts.of_kind("rounds.check")]
    checks += [CheckAt(rid, at) for rid, at in _checks_before(facts).items()]
    timelines = {r.id: _timeline(facts, r) for r in facts.residents}
    report = rounds_compliance(checks, timelines, Window(facts.window.start, facts.window.end))
    longest = report.longest
    names = {r.id: r.display_name for r in facts.residents}
    out.section = {
        "checks": report.checks,
        "on_time": report.on_time,
        "missed": report.missed,
        "not_seen": report.not_seen,
        "on_time_pct": report.percent_on_time,
        "longest_gap_minutes": longest.longest_gap.minutes if longest else 0,
        "longest_gap_resident_id": longest.resident_id if longest else None,
        "longest_gap_display_name": names.get(longest.resident_id) if longest else None,
        "longest_gap_from": longest.longest_gap.start.isoformat() if longest else None,
        "validated": report.validated,
        "validated_pct": report.percent_validated,
        "unscanned_reasons": report.unscanned_reasons,
        "by_staff": staff_rows(report.made, facts.staff_names),
    }
    for figures in report.residents:
        if figures.missed:
            out.note(figures.resident_id).events.append(f"{count(figures.missed, 'check')} missed")
    _next_checks(facts, checks, out)
    for event in facts.of_kind("rounds.check"):
        state, where = event.data.get("state"), event.data.get("location")
        if state in BEHAVIOUR_STATES:
            out.note(event.resident_id).watcher.append(f"behaviour change: {say(state)}")
            out.note(event.resident_id).events.append(event_line(facts, event, f"seen {say(state)}"))
        if where == "unable_to_locate":
            out.note(event.resident_id).events.append(event_line(facts, event, "could not be located — not a check"))
        elif state == ASLEEP and event.data.get("breathing_observed") is False:
            out.note(event.resident_id).events.append(event_line(facts, event, "breathing NOT seen — not a check"))
    return out


def _not_seen_at_end(facts: ShiftFacts, resident: ResidentFact, last_seen: datetime | None) -> str | None:
    """'missing since 09:49 — not found by the end of the shift' when no check saw them after that."""
    after = sorted(
        (
            e
            for e in facts.of_kind("rounds.check")
            if e.resident_id == resident.id
            and e.occurred_at < facts.window.end
            and (last_seen is None or e.occurred_at > last_seen)
        ),
        key=lambda e: e.occurred_at,
    )
    reasons = [
        not_seen_reason(e.data.get("location"), e.data.get("state"), e.data.get("breathing_observed")) for e in after
    ]
    if not after or None in reasons:
        return None
    since = local_time(facts, min(e.occurred_at for e in after))
    if reasons[-1] == MISSING:
        return f"missing since {since} — not found by the end of the shift"
    return f"breathing not seen {since} — not rechecked by the end of the shift"


def _next_checks(facts: ShiftFacts, checks: list[CheckAt], out: Contribution) -> None:
    """For residents on q15 or closer: when the next check falls due (or since when it is overdue); for anyone
    no check has seen since one that could not find them or see them breathe, that first."""
    end = facts.window.end
    for resident in facts.residents:
        level = ObservationLevel(resident.level)
        if resident.discharged_at is not None:
            continue
        seen = [c.occurred_at for c in checks if c.resident_id == resident.id and c.seen and c.occurred_at < end]
        if (unseen := _not_seen_at_end(facts, resident, max(seen, default=None))) is not None:
            out.note(resident.id).actions.append(unseen)
            continue
        if not level.close:
            continue
        last = max(seen, default=max(resident.admitted_at, facts.window.start))
        due = last + check_interval(level)
        verb = "overdue since" if due < end else "next check due"
        out.note(resident.id).actions.append(f"{verb} {local_time(facts, due)} ({say(level.value)})")
