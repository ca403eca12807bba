"""The append-only log: idempotency by uid, entry-time rules, corrections in force."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from facility.actors import Actor
from facility.errors import Conflict, Invalid
from facility.records.audit import record_access
from facility.records.codes import VOIDED
from facility.records.models import Event
from facility.timeutil import ensure_aware


def _canonical(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return ensure_aware(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    return value


def fingerprint(body: dict[str, Any]) -> str:
    """A stable hash of a validated request body, so a retry can be told from a clash."""
    text = json.dumps(_canonical(body), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def jsonable(value: Any) -> Any:
    """The body as JSON-ready data for Event.data (datetimes in UTC ISO 8601)."""
    return _canonical(value)


def late_entry(occurred_at: datetime, now: datetime, late_after: timedelta, future_tolerance: timedelta) -> bool:
    """True when entered later than late_after; Invalid when further than future_tolerance ahead of now."""
    occurred_at = ensure_aware(occurred_at)
    if occurred_at > now + future_tolerance:
        minutes = int(future_tolerance.total_seconds() // 60)
        raise Invalid.field("occurred_at", f"is more than {minutes} minutes in the future")
    return occurred_at < now - late_after


def is_late(occurred_at: datetime, now: datetime) -> bool:
    """late_entry with the app's configured thresholds."""
    config = current_app.config
    return late_entry(
        occurred_at,
        now,
        timedelta(minutes=config["LATE_ENTRY_MINUTES"]),
        timedelta(minutes=config["FUTURE_TOLERANCE_MINUTES"]),
    )


def find_replay(session: Session, uid: str, body: dict[str, Any], kind: str | None = None) -> Event | None:
    """The stored event for uid when body is the same; Conflict when the uid was used for something else."""
    event = session.scalar(select(Event).where(Event.uid == str(uid)))
    if event is None:
        return None
    if event.body_hash != fingerprint(body) or (kind and event.kind != kind):
        raise Conflict(f"uid {uid} was already used for a different record")
    return event


@dataclass
class NewEvent:
    """What a domain service asks the log to record."""

    kind: str
    uid: str
    unit_id: int
    resident_id: int | None
    occurred_at: datetime
    data: dict[str, Any]
    body: dict[str, Any]
    corrects_uid: str | None = None


def append(session: Session, actor: Actor, new: NewEvent, now: datetime) -> tuple[Event, bool]:
    """Append an event in the caller's transaction (audited); the stored one if a racing retry won."""
    event = Event(
        uid=str(new.uid),
        kind=new.kind,
        unit_id=new.unit_id,
        resident_id=new.resident_id,
        actor_id=actor.id,
        occurred_at=ensure_aware(new.occurred_at),
        recorded_at=now,
        late_entry=is_late(new.occurred_at, now),
        data=jsonable(new.data),
        corrects_uid=new.corrects_uid,
        body_hash=fingerprint(new.body),
    )
    try:
        with session.begin_nested():
            session.add(event)
    except IntegrityError:
        # Another request stored the same uid between our look-up and our insert.
        prior = find_replay(session, new.uid, new.body, new.kind)
        if prior is None:
            raise
        return prior, False
    record_access(session, actor.id, f"write:{new.kind}", target=event.uid, resident_id=new.resident_id)
    return event, True


def corrections_of(session: Session, uids: list[str]) -> dict[str, list[Event]]:
    """Amendments and voids naming each uid, oldest first."""
    if not uids:
        return {}
    found: dict[str, list[Event]] = {}
    rows = session.scalars(select(Event).where(Event.corrects_uid.in_(uids)).order_by(Event.id))
    for row in rows:
        found.setdefault(row.corrects_uid, []).append(row)
    return found


def is_effective(event: Event, corrections: dict[str, list[Event]]) -> bool:
    """An original is in force until corrected; of its corrections only the latest is."""
    if event.corrects_uid is None:
        return not corrections.get(event.uid)
    latest = corrections.get(event.corrects_uid, [])
    return bool(latest) and latest[-1].id == event.id


def effective_data(event: Event, corrections: list[Event]) -> dict[str, Any] | None:
    """The data in force for an original: None when voided, else the latest amendment's over the original."""
    if not corrections:
        return event.data
    latest = corrections[-1]
    if latest.kind == VOIDED:
        return None
    return {**event.data, **latest.data.get("data", {})}
