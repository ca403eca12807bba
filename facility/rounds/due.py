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

    @property
    def anchor(self) -> datetime:
        """The last actual check, or the level's start when none was made since."""
        if self.last_check_at is None:
            return self.level_since
        return self.last_check_at

    @property
    def next_due_at(self) -> datetime:
        """Last actual check + the interval of the current level (not a clock grid)."""
        return self.anchor + self.level.interval


def board_status(state: RoundState, now: datetime) -> str:
    """ok, due (within 3 minutes of due) or overdue (past due)."""
    due = state.next_due_at
    if now >= due:
        return "overdue"
    if due - now <= DUE_SOON:
        return "due"
    return "ok"
