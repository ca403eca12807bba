"""The one shape of a record about a resident, written once for every use case that stores one.

Who may (the permission table) → whose (the caller's units) → not twice (a replayed uid answers what it stored) →
still in care (a discharged resident gets nothing new) → the use case's own checks and data → the log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from facility.actors import Actor
from facility.census.models import Resident
from facility.census.scope import ensure_active, resident_for
from facility.permissions import require
from facility.records.log import NewEvent, find_replay
from facility.records.models import Event
from facility.records.services import record


def record_about_resident(
    session: Session,
    actor: Actor,
    cmd: dict[str, Any],
    kind: str,
    action: str,
    data_for: Callable[[Resident], dict[str, Any]],
    now: datetime,
    *,
    occurred_at: datetime | None = None,
) -> tuple[Event, bool]:
    """Store cmd (already validated at the edge) as a `kind` record of cmd's resident.

    `data_for(resident)` makes the record's data and raises for what the use case refuses; it runs only for a new
    uid, and may also set the resident's own row where the use case keeps a fact there (the census's level, unit).
    Answers (event, True) for a new record and (the stored one, False) for a replay. The record happens at cmd's
    occurred_at unless `occurred_at` is given.
    """
    require(actor, action)
    resident = resident_for(session, actor, cmd["resident_id"])
    if (prior := find_replay(session, cmd["uid"], cmd, kind)) is not None:
        return prior, False
    ensure_active(resident)
    data = data_for(resident)
    at = cmd["occurred_at"] if occurred_at is None else occurred_at
    new = NewEvent(kind, cmd["uid"], resident.unit_id, resident.id, at, data, cmd)
    return record(session, actor, new, now, admitted_at=resident.admitted_at)
