"""When the next check falls due: pure arithmetic over the last actual check and the level."""
from __future__ import annotations

from dataclasses import dataclass
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

    @property
    def anchor(self) -> datetime:
        """The last actual check; with none yet, the admission (or the level's start when unknown)."""
        if self.last_check_at is not None:
            return self.last_check_at
        return self.admitted_at or self.level_since

    @property
    def next_due_at(self) -> datetime:
        """Last actual check + the interval of the current level (not a clock grid); UTC arithmetic."""
        return self.anchor + self.level.interval

    def with_check(self, occurred_at: datetime) -> "RoundState":
        """The state after a check at occurred_at; a check recorded late never moves the anchor back."""
        latest = occurred_at if self.last_check_at is None else max(self.last_check_at, occurred_at)
        return RoundState(self.level, self.level_since, latest, self.admitted_at)


def overdue_at(state: RoundState, grace: timedelta) -> datetime:
    """When a missed check becomes a `check_overdue` alert: due + grace."""
    return state.next_due_at + grace


def is_overdue(state: RoundState, now: datetime, grace: timedelta) -> bool:
    """True once now has reached due + grace."""
    return now >= overdue_at(state, grace)


def board_status(state: RoundState, now: datetime) -> str:
    """ok, due (within 3 minutes of due) or overdue (past due)."""
    due = state.next_due_at
    if now >= due:
        return "overdue"
    if due - now <= DUE_SOON:
        return "due"
    return "ok"
