"""The projections clinical declares for `flask facility verify`: the one goal table, which its plan owns."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from facility.clinical.codes import PLAN_SIGNED, PLAN_WRITTEN
from facility.domain import Projection
from facility.goals.rebuild import GOALS, fold
from facility.records.verify import Log


def rebuild(_session: Session, log: Log) -> dict[str, dict[tuple, dict[str, Any]]]:
    """The goals set from the floor and those of the plan's versions, as the log says they stand."""
    return fold(log, PLAN_WRITTEN, PLAN_SIGNED)


PROJECTION = Projection((GOALS,), rebuild)
