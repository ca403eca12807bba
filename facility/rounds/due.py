"""When the next check falls due: pure arithmetic over the last actual check and the level."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from facility.rounds.levels import ObservationLevel

DUE_SOON = timedelta(minutes=3)


@dataclass(frozen=True)
class RoundState:
    """What the board knows of one resident's rounds."""

    level: ObservationLevel
    level_since: datetime
    last_check_at: datetime | None
    admitted_at: datetime | None = None
    # Escorted time off the unit: a staff member has the resident in sight, so no check falls due meanwhile.
    away_since: datetime | None = None  # an escorted absence in progress
    back_at: datetime | None = None  # the end of the latest escorted absence: staff handed them back

    @property
    def anchor(self) -> datetime:
        """The last sighting: the later of the last actual check and the return from an escorted absence.

        With neither, the admission (or the level's start when unknown).
        """
        seen = [moment for moment in (self.last_check_at, self.back_at) if moment is not None]
        if seen:
            return max(seen)
        return self.admitted_at or self.level_since

    @property
    def away(self) -> bool:
        return self.away_since is not None

    @property
    def next_due_at(self) -> datetime:
        """Last actual check + the interval of the current level (not a clock grid); UTC arithmetic."""
        return self.anchor + self.level.interval

    def with_check(self, occurred_at: datetime) -> "RoundState":
        """The state after a check at occurred_at; a check recorded late never moves the anchor back."""
        latest = occurred_at if self.last_check_at is None else max(self.last_check_at, occurred_at)
        return replace(self, last_check_at=latest)


def overdue_at(state: RoundState, grace: timedelta) -> datetime:
    """When a missed check becomes a `check_overdue` alert: due + grace."""
    return state.next_due_at + grace


def is_overdue(state: RoundState, now: datetime, grace: timedelta) -> bool:
    """True once now has reached due + grace; never while the resident is away with an escort."""
    return not state.away and now >= overdue_at(state, grace)


def board_status(state: RoundState, now: datetime) -> str:
    """ok, due (within 3 minutes of due) or overdue (past due); ok while away with an escort."""
    if state.away:
        return "ok"
    due = state.next_due_at
    if now >= due:
        return "overdue"
    if due - now <= DUE_SOON:
        return "due"
    return "ok"
