"""Observation levels, a fact of the resident: how closely each is watched and how often they must be checked."""

from __future__ import annotations

import enum
from datetime import timedelta


class ObservationLevel(str, enum.Enum):
    """How closely a resident is watched."""

    Q60 = "q60"
    Q30 = "q30"
    Q15 = "q15"
    Q5 = "q5"
    LINE_OF_SIGHT = "line_of_sight"
    ONE_TO_ONE = "one_to_one"

    @property
    def interval(self) -> timedelta:
        """The longest allowed gap between two documented checks."""
        return timedelta(minutes=_INTERVAL_MINUTES[self])

    @property
    def continuous(self) -> bool:
        """Continuous levels need an assigned staff member as well as documented checks."""
        return self in (ObservationLevel.LINE_OF_SIGHT, ObservationLevel.ONE_TO_ONE)

    @property
    def close(self) -> bool:
        """q15 and closer: missing a check is critical."""
        return self not in (ObservationLevel.Q60, ObservationLevel.Q30)


_INTERVAL_MINUTES = {
    ObservationLevel.Q60: 60,
    ObservationLevel.Q30: 30,
    ObservationLevel.Q15: 15,
    ObservationLevel.Q5: 5,
    ObservationLevel.LINE_OF_SIGHT: 15,
    ObservationLevel.ONE_TO_ONE: 15,
}

LEVEL_CODES = [level.value for level in ObservationLevel]
