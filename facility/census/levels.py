"""Observation levels, a fact of the resident: how closely each is watched (how often that means a check is rounds'
rule: facility.rounds.due.check_interval)."""

from __future__ import annotations

import enum


class ObservationLevel(str, enum.Enum):
    """How closely a resident is watched."""

    Q60 = "q60"
    Q30 = "q30"
    Q15 = "q15"
    Q5 = "q5"
    LINE_OF_SIGHT = "line_of_sight"
    ONE_TO_ONE = "one_to_one"

    @property
    def continuous(self) -> bool:
        """Continuous levels need an assigned staff member as well as documented checks."""
        return self in (ObservationLevel.LINE_OF_SIGHT, ObservationLevel.ONE_TO_ONE)

    @property
    def close(self) -> bool:
        """q15 and closer: missing a check is critical."""
        return self not in (ObservationLevel.Q60, ObservationLevel.Q30)


LEVEL_CODES = [level.value for level in ObservationLevel]
