"""Rounds alert rules, pure: a check or the clock in, alert drafts and resolutions out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from facility.outcomes import AlertDraft, Resolve
from facility.rounds.codes import ASLEEP, BEHAVIOR_SEVERITY, UNABLE_TO_LOCATE
from facility.rounds.due import RoundState, is_overdue

Outcome = AlertDraft | Resolve


def overdue_condition(resident_id: int) -> str:
    """One open `check_overdue` per resident."""
    return f"check_overdue:{resident_id}"


def missing_condition(resident_id: int) -> str:
    return f"resident_missing:{resident_id}"


def breathing_condition(resident_id: int) -> str:
    return f"breathing_not_observed:{resident_id}"


def behavior_condition(resident_id: int, state: str) -> str:
    return f"behavior_change:{resident_id}:{state}"


@dataclass(frozen=True)
class CheckFacts:
    """A recorded check and who it was of (display name only: first name, last initial, room)."""

    uid: str
    unit_id: int
    resident_id: int
    display_name: str
    occurred_at: datetime
    location: str
    state: str
    breathing_observed: bool | None


def _raised_by(check: CheckFacts) -> list[AlertDraft]:
    rid, who = check.resident_id, check.display_name
    drafts = []
    if check.location == UNABLE_TO_LOCATE:
        drafts.append(
            AlertDraft(
                "resident_missing",
                "critical",
                check.unit_id,
                rid,
                missing_condition(rid),
                f"Unable to locate {who}",
                check.uid,
            )
        )
    if check.state == ASLEEP and check.breathing_observed is False:
        drafts.append(
            AlertDraft(
                "breathing_not_observed",
                "critical",
                check.unit_id,
                rid,
                breathing_condition(rid),
                f"Breathing not observed: {who}",
                check.uid,
            )
        )
    if check.state in BEHAVIOR_SEVERITY:
        drafts.append(
            AlertDraft(
                "behavior_change",
                BEHAVIOR_SEVERITY[check.state],
                check.unit_id,
                rid,
                behavior_condition(rid, check.state),
                f"{check.state.replace('_', ' ').capitalize()}: {who}",
                check.uid,
            )
        )
    return drafts


def _cleared_by(check: CheckFacts) -> list[Resolve]:
    rid = check.resident_id
    cleared = []
    if check.location != UNABLE_TO_LOCATE:
        cleared.append(Resolve(missing_condition(rid), "located on a check"))
    if not (check.state == ASLEEP and check.breathing_observed is False):
        cleared.append(Resolve(breathing_condition(rid), "breathing seen on a later check"))
    cleared += [
        Resolve(behavior_condition(rid, state), f"later check: {check.state}")
        for state in BEHAVIOR_SEVERITY
        if state != check.state
    ]
    return cleared


def check_outcomes(check: CheckFacts, after: RoundState, now: datetime, grace: timedelta) -> list[Outcome]:
    """What a check raises and clears; `after` is the resident's rounds state with this check counted.

    A check recorded late, older than the latest one, speaks only of its own moment: it raises a behaviour
    change but clears nothing the later check says; it clears `check_overdue` only if the resident is no
    longer overdue with it counted.
    """
    latest = after.latest_check_at is None or check.occurred_at >= after.latest_check_at
    outcomes: list[Outcome] = []
    if not is_overdue(after, now, grace):
        outcomes.append(Resolve(overdue_condition(check.resident_id), "check recorded"))
    if latest:
        outcomes += _raised_by(check)
        outcomes += _cleared_by(check)
    else:
        outcomes += [d for d in _raised_by(check) if d.kind == "behavior_change"]
    return outcomes


@dataclass(frozen=True)
class ResidentRounds:
    """One resident on the board as the overdue sweep sees them."""

    resident_id: int
    unit_id: int
    display_name: str
    state: RoundState
    assigned_name: str | None = None  # who rounds on them this shift, named in the alert


def overdue_severity(state: RoundState) -> str:
    """Critical for q15, q5 and continuous levels; warning for q30 and q60."""
    return "critical" if state.level.close else "warning"


def overdue_outcomes(
    residents: list[ResidentRounds], open_conditions: set[str], now: datetime, grace: timedelta, zone: ZoneInfo
) -> list[Outcome]:
    """`check_overdue` for each resident past due + grace; resolve open ones that no longer hold."""
    outcomes: list[Outcome] = []
    seen = set()
    for resident in residents:
        condition = overdue_condition(resident.resident_id)
        seen.add(condition)
        overdue = is_overdue(resident.state, now, grace)
        if overdue and condition not in open_conditions:
            due = resident.state.next_due_at.astimezone(zone)
            message = f"{resident.display_name}: {resident.state.level.value} check overdue (due {due:%H:%M})"
            if resident.assigned_name:
                message += f", assigned to {resident.assigned_name}"
            outcomes.append(
                AlertDraft(
                    "check_overdue",
                    overdue_severity(resident.state),
                    resident.unit_id,
                    resident.resident_id,
                    condition,
                    message,
                )
            )
        elif not overdue and condition in open_conditions:
            outcomes.append(Resolve(condition, "no longer overdue"))
    outcomes += [Resolve(c, "resident left the unit") for c in sorted(open_conditions - seen)]
    return outcomes
