"""When the next check falls due: pure arithmetic over the last actual check and the level."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from facility.census.levels import ObservationLevel

DUE_SOON = timedelta(minutes=3)

# The longest allowed gap between two documented checks at each level; continuous levels are documented every 15
# minutes as well as watched all the time.
_INTERVAL_MINUTES = {
    ObservationLevel.Q60: 60,
    ObservationLevel.Q30: 30,
    ObservationLevel.Q15: 15,
    ObservationLevel.Q5: 5,
    ObservationLevel.LINE_OF_SIGHT: 15,
    ObservationLevel.ONE_TO_ONE: 15,
}


def check_interval(level: ObservationLevel | str) -> timedelta:
    """The longest allowed gap between two documented checks of a resident at this level."""
    return timedelta(minutes=_INTERVAL_MINUTES[ObservationLevel(level)])


@dataclass(frozen=True)
class NotSeen:
    """A check that did not see the resident: `missing` (unable to locate) or `breathing_not_seen`."""

    at: datetime
    reason: str


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
    # Checks since the last sighting that did not see the resident, oldest first. They are not checks of the
    # resident: the last sighting stays the anchor, and the board asks for a check now until one sees them.
    not_seen: tuple[NotSeen, ...] = ()

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
    def unseen(self) -> NotSeen | None:
        """Since when (the first not-seen check) and why (the latest's reason) nobody has seen the resident.

        None once a check saw them, or staff had them in sight with an escort after the latest such check.
        """
        if not self.not_seen:
            return None
        latest = self.not_seen[-1].at
        if any(moment is not None and moment > latest for moment in (self.away_since, self.back_at)):
            return None
        return NotSeen(self.not_seen[0].at, self.not_seen[-1].reason)

    @property
    def latest_check_at(self) -> datetime | None:
        """The latest check of any outcome, seen or not."""
        moments = [m for m in (self.last_check_at, self.not_seen[-1].at if self.not_seen else None) if m]
        return max(moments, default=None)

    @property
    def away(self) -> bool:
        return self.away_since is not None

    @property
    def next_due_at(self) -> datetime:
        """Last actual check + the interval of the current level (not a clock grid); UTC arithmetic."""
        return self.anchor + check_interval(self.level)

    @property
    def board_due_at(self) -> datetime:
        """When the board wants the next check: next_due_at, or the first not-seen check's time (now)."""
        unseen = self.unseen
        return min(self.next_due_at, unseen.at) if unseen else self.next_due_at

    def with_check(self, occurred_at: datetime, not_seen: str | None = None) -> RoundState:
        """The state after a check at occurred_at (not_seen: why it did not see the resident, if so).

        A check recorded late never moves the anchor back; a not-seen check older than the last sighting
        says nothing of now.
        """
        if not_seen is not None:
            if self.last_check_at is not None and occurred_at <= self.last_check_at:
                return self
            return replace(
                self, not_seen=tuple(sorted(self.not_seen + (NotSeen(occurred_at, not_seen),), key=lambda n: n.at))
            )
        latest = occurred_at if self.last_check_at is None else max(self.last_check_at, occurred_at)
        return replace(self, last_check_at=latest, not_seen=tuple(n for n in self.not_seen if n.at > latest))


def overdue_at(state: RoundState, grace: timedelta) -> datetime:
    """When a missed check becomes a `check_overdue` alert: due + grace."""
    return state.next_due_at + grace


def is_overdue(state: RoundState, now: datetime, grace: timedelta) -> bool:
    """True once now has reached due + grace; never while the resident is away with an escort, nor while
    not seen: their `resident_missing` or `breathing_not_observed` alert stays open until a check sees them."""
    return not state.away and state.unseen is None and now >= overdue_at(state, grace)


def board_status(state: RoundState, now: datetime) -> str:
    """ok, due (within 3 minutes of due) or overdue (past due, or not seen on the latest check); ok while
    away with an escort."""
    if state.away:
        return "ok"
    if state.unseen is not None:
        return "overdue"
    due = state.next_due_at
    if now >= due:
        return "overdue"
    if due - now <= DUE_SOON:
        return "due"
    return "ok"
