"""The one shape of a write, used by every use case that stores a record about a resident or a unit.

Who may (the permission table) → whose (the caller's units: another unit's subject is not found) → not twice (a
replayed uid answers what it stored) → still in care (a discharged resident gets nothing new) → the use case's own
checks and data → the log, which appends the record and lets its kind's handlers react.

The subject is what the record is about: a resident (`record_about_resident`, or a record reached through one of
theirs: an order, an outing, an episode) or a unit (a group, an incident's report, which may name several
residents). Records a write causes (a group's attendance in each attendee's record, the episodes a report opens, a
change of assignments) are stored with it through `facility.records.services.record`, under uids the server makes.
Four writes have shapes of their own and say why where they are: an admission (its subject does not exist yet), an
incident report filed or saved again under its draft's uid, an episode's start (its uid may complete the episode a
report opened) and a correction (the record floor's amend and void, which are allowed after discharge).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from facility.actors import Actor
from facility.census.models import Resident, Unit
from facility.census.scope import ensure_active, resident_for
from facility.permissions import require
from facility.records.log import NewEvent, find_replay
from facility.records.models import Event
from facility.records.services import record


def write(
    session: Session,
    actor: Actor,
    *,
    action: str,
    kind: str,
    uid: str,
    body: dict[str, Any],
    whose: Callable[[], Any],
    data_for: Callable[[Any], dict[str, Any]],
    occurred_at: datetime | Callable[[], datetime],
    now: datetime,
) -> tuple[Event, bool]:
    """Store a `kind` record about what `whose()` finds, scoped to the caller's units (NotFound otherwise): a
    Resident, a Unit, or a unit's own record with a `unit_id` (an incident).

    `body` is what a replay of `uid` must match (the request's body with the ids of its path). `data_for(subject)`
    makes the record's data and raises for what the use case refuses; it runs only for a new uid and may set a
    fact on a row of its own. `occurred_at` may be a callable when it depends on what `data_for` found. Answers
    (event, True) for a new record and (the stored one, False) for a replay.
    """
    require(actor, action)
    subject = whose()
    if (prior := find_replay(session, uid, body, kind)) is not None:
        return prior, False
    resident = subject if isinstance(subject, Resident) else None
    if resident is not None:
        ensure_active(resident)
    data = data_for(subject)
    at = occurred_at() if callable(occurred_at) else occurred_at
    if resident is not None:
        new = NewEvent(kind, uid, resident.unit_id, resident.id, at, data, body)
        return record(session, actor, new, now, admitted_at=resident.admitted_at)
    unit_id = subject.id if isinstance(subject, Unit) else subject.unit_id
    return record(session, actor, NewEvent(kind, uid, unit_id, None, at, data, body), now)


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
    """Store cmd (already validated at the edge) as a `kind` record of cmd's resident, at cmd's occurred_at unless
    `occurred_at` is given."""
    return write(
        session,
        actor,
        action=action,
        kind=kind,
        uid=cmd["uid"],
        body=cmd,
        whose=lambda: resident_for(session, actor, cmd["resident_id"]),
        data_for=data_for,
        occurred_at=cmd["occurred_at"] if occurred_at is None else occurred_at,
        now=now,
    )
