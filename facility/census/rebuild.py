"""The resident rows' census facts folded again from the log alone (`flask facility verify`).

Names, birth dates, record numbers and allergies are entered with the admission but not carried by its event, so
they are not checked here; where a resident is, since when, and at which level of observation is.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from facility.census.codes import ADMITTED, DISCHARGED, LEVEL_CHANGED, TRANSFERRED
from facility.census.models import Resident
from facility.domain import ProjectedTable, Projection
from facility.records.verify import Log

RESIDENTS = ProjectedTable(
    Resident,
    ("id",),
    (
        "unit_id",
        "room",
        "admitted_at",
        "discharged_at",
        "precautions",
        "observation_level",
        "level_changed_at",
        "assigned_staff_id",
    ),
)


def rebuild(_session: Session, log: Log) -> dict[str, dict[tuple, dict[str, Any]]]:
    """Each admitted resident's unit and room, admission and discharge, and the level change in force."""
    residents: dict[tuple, dict[str, Any]] = {}
    levels: dict[tuple, list[Any]] = {}
    for record in log.of(ADMITTED, TRANSFERRED, DISCHARGED, LEVEL_CHANGED):
        key = (record.resident_id,)
        if record.kind == ADMITTED:
            residents[key] = {
                "unit_id": record.unit_id,
                "room": record.data["room"],
                "admitted_at": record.occurred_at,
                "discharged_at": None,
                "precautions": list(record.data.get("precautions") or []),
            }
        resident = residents.get(key)
        if resident is None:
            continue
        if record.kind == TRANSFERRED:
            resident.update(unit_id=record.data["to_unit_id"], room=record.data["room"])
        elif record.kind == DISCHARGED:
            resident["discharged_at"] = record.occurred_at
        if record.kind in (ADMITTED, LEVEL_CHANGED) and record.data is not None:
            levels.setdefault(key, []).append(record)
    for key, resident in residents.items():
        # As census.handlers.project_level reads it: the level event in force that occurred last.
        latest = max(levels[key], key=lambda r: (r.occurred_at, r.id))
        if latest.kind == ADMITTED:
            resident.update(observation_level=latest.data["observation_level"], level_changed_at=latest.occurred_at)
            continue  # whom a continuous level at admission was assigned to is not in the admission's event
        resident.update(
            observation_level=latest.data["to"],
            level_changed_at=latest.occurred_at,
            assigned_staff_id=latest.data.get("assigned_staff_id"),
        )
    return {RESIDENTS.name: residents}


PROJECTION = Projection((RESIDENTS,), rebuild)
