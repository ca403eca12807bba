"""The goal table folded again from the log alone, as `store.py` keeps it (`flask facility verify`).

The plan's owner (clinical) declares it, handing over the kinds of its plan's versions and signatures.
"""

from __future__ import annotations

from typing import Any

from facility.domain import ProjectedTable
from facility.goals import FLOOR, GOAL_SET, PLAN
from facility.goals.models import Goal
from facility.records.verify import Log

GOALS = ProjectedTable(
    Goal, ("uid", "plan_key"), ("resident_id", "source", "text", "target_date", "set_by_id", "set_at", "active")
)


def fold(log: Log, plan_written: str, plan_signed: str) -> dict[str, dict[tuple, dict[str, Any]]]:
    """Floor goals as their data in force says; plan goals from the first version naming their key, in force with
    the words of the last signed version naming them."""
    rows: dict[tuple, dict[str, Any]] = {}
    plan_keys: dict[tuple[int, str], tuple] = {}  # (resident, key) → row key
    for record in log.of(GOAL_SET, plan_written, plan_signed):
        if record.kind == GOAL_SET:
            data = record.data or record.original
            rows[(record.uid, None)] = {
                "resident_id": record.resident_id,
                "source": FLOOR,
                "text": data["text"],
                "target_date": data.get("target_date"),
                "set_by_id": record.actor_id,
                "set_at": record.occurred_at,
                "active": not record.voided,
            }
        elif record.kind == plan_written:
            for item in (record.data or record.original).get("goals") or []:
                if (record.resident_id, item["key"]) in plan_keys:
                    continue
                plan_keys[(record.resident_id, item["key"])] = (record.uid, item["key"])
                rows[(record.uid, item["key"])] = {
                    "resident_id": record.resident_id,
                    "source": PLAN,
                    "text": item["text"],
                    "target_date": item.get("target_date"),
                    "set_by_id": record.actor_id,
                    "set_at": record.occurred_at,
                    "active": False,
                }
        else:
            version = log.by_uid.get(str((record.data or record.original)["plan_uid"]))
            if version is None:
                continue
            named = {item["key"]: item for item in (version.data or version.original).get("goals") or []}
            for (resident_id, key), row_key in plan_keys.items():
                if resident_id != version.resident_id:
                    continue
                item = named.get(key)
                rows[row_key]["active"] = item is not None
                if item is not None:
                    rows[row_key].update(text=item["text"], target_date=item.get("target_date"))
    return {GOALS.name: rows}
