"""Who rounds on whom, folded again from the `rounds.assigned` records alone (`flask facility verify`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from facility.domain import ProjectedTable, Projection
from facility.records.verify import Log, instant
from facility.rounds.codes import ASSIGNED
from facility.rounds.models import RoundAssignment

ASSIGNMENTS = ProjectedTable(
    RoundAssignment, ("unit_id", "shift_start", "resident_id"), ("user_id", "assigned_by_id", "assigned_at")
)


def rebuild(_session: Session, log: Log) -> dict[str, dict[tuple, dict[str, Any]]]:
    """Each unit's shift as its last `rounds.assigned` record left it (each record states the whole shift)."""
    latest: dict[tuple, Any] = {}
    for record in log.of(ASSIGNED):
        latest[(record.unit_id, instant(record.data["shift_start"]))] = record
    rows = {}
    for (unit_id, shift_start), record in latest.items():
        for entry in record.data["assignments"]:
            for resident_id in entry["resident_ids"]:
                rows[(unit_id, shift_start, resident_id)] = {
                    "user_id": entry["user_id"],
                    "assigned_by_id": record.actor_id,
                    "assigned_at": record.recorded_at,
                }
    return {ASSIGNMENTS.name: rows}


PROJECTION = Projection((ASSIGNMENTS,), rebuild)
