"""The one write path (append, then dispatch to the kind's handlers), corrections, and reading the log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from marshmallow import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.actors import Actor
from facility.domain import registry
from facility.errors import Conflict, Forbidden, Invalid, NotFound
from facility.outcomes import AlertDraft, Resolve
from facility.paging import page_of
from facility.permissions import may
from facility.records.audit import record_access
from facility.records.codes import AMENDED, VOIDED
from facility.records.log import NewEvent, append, corrections_of, effective_data, find_replay, is_effective, jsonable
from facility.records.models import Event
from facility.records.write_path import write_path
from facility.timeutil import ensure_aware


@dataclass(frozen=True)
class EffectiveRecord:
    """A record as the rules see it: the original's identity with the data now in force."""

    uid: str
    kind: str
    unit_id: int
    resident_id: int | None
    actor_id: int
    occurred_at: datetime
    data: dict[str, Any]

    @classmethod
    def of(cls, event: Event, data: dict[str, Any] | None = None) -> EffectiveRecord:
        return cls(
            event.uid,
            event.kind,
            event.unit_id,
            event.resident_id,
            event.actor_id,
            event.occurred_at,
            event.data if data is None else data,
        )


def _conforms(kind_name: str, data: dict[str, Any]) -> dict[str, Any]:
    """data as its kind's schema loads it; Invalid naming the fields under `data` otherwise."""
    try:
        return registry().kind(kind_name).schema().load(jsonable(data))
    except ValidationError as error:
        raise Invalid("data: " + ", ".join(sorted(map(str, error.messages))), {"data": error.messages}) from None


def _after_admission(session: Session, new: NewEvent, admitted_at: datetime | None) -> None:
    if new.resident_id is None:
        return
    if admitted_at is None:
        admitted_at = write_path().admitted_at(session, new.resident_id)
    if admitted_at is not None and ensure_aware(new.occurred_at) < admitted_at:
        raise Invalid.field("occurred_at", "is before the resident's admission")


def record(
    session: Session, actor: Actor, new: NewEvent, now: datetime, *, admitted_at: datetime | None = None
) -> tuple[Event, bool]:
    """Store a clinical record and let every handler of its kind react, all in the caller's transaction.

    new.data was validated once, at the edge (the route's or the sync type's schema); a correction's new data is
    checked against the kind's schema here, as nothing else has read it. A caller holding the resident says when
    they were admitted (`admitted_at`); otherwise the census is asked. Answers (event, True) for a new record,
    (the stored one, False) when a retry of the same uid won a race.
    """
    _after_admission(session, new, admitted_at)
    event, is_new = append(session, actor, new, now)
    if is_new:
        dispatch(session, EffectiveRecord.of(event), now)
    return event, is_new


def dispatch(session: Session, record: EffectiveRecord, now: datetime) -> list[Any]:
    """Run the handlers registered for the record's kind and carry out the alert outcomes they return."""
    outcomes = [o for handler in registry().handlers_for(record.kind) for o in handler(session, record, now)]
    return write_path().carry_out(session, outcomes, now)


def _redispatch(session: Session, original: Event, data: dict[str, Any] | None, now: datetime) -> None:
    """After a correction the rules see the effective record; what only the old version raised is resolved."""
    record = EffectiveRecord.of(original, data)
    outcomes = [o for h in registry().kind(original.kind).on_corrected for o in h(session, record, now)]
    raised_before = write_path().raised_by(session, original.uid)
    if data is None:
        outcomes += [Resolve(c, "record voided") for c in raised_before]
    else:
        redone = [o for handler in registry().handlers_for(original.kind) for o in handler(session, record, now)]
        still = {o.condition for o in redone if isinstance(o, AlertDraft)}
        outcomes += [Resolve(c, "record amended") for c in raised_before if c not in still] + redone
    write_path().carry_out(session, outcomes, now)


def _target(session: Session, actor: Actor, target_uid: str) -> Event:
    original = session.scalar(select(Event).where(Event.uid == str(target_uid)))
    if original is None or original.unit_id not in actor.unit_ids:
        raise NotFound("no such record")
    return original


def _may_correct(session: Session, actor: Actor, original: Event, amending: bool) -> list[Event]:
    """The corrections so far; refused for a correction, a voided record or another's record (worker), or as the
    kind's own rule says (`Kind.may_correct`)."""
    if original.corrects_uid is not None:
        raise Conflict("correct the original record, not a correction")
    if not registry().kind(original.kind).correctable:
        raise Conflict(f"a {original.kind} record is changed by a new record, not corrected")
    earlier = corrections_of(session, [original.uid]).get(original.uid, [])
    if earlier and earlier[-1].kind == VOIDED:
        raise Conflict("this record was voided")
    kind = registry().kind(original.kind)
    if kind.may_correct is not None:
        kind.may_correct(session, actor, original, amending)
    elif original.actor_id != actor.id and not may(actor, "records.correct.others"):
        raise Forbidden("only the author, a nurse or a lead may correct this record")
    return earlier


def amend(session: Session, actor: Actor, target_uid: str, cmd: dict[str, Any], now: datetime) -> tuple[Event, bool]:
    """Record corrected data for an event, with a reason; the original stays, superseded."""
    body = {"target": str(target_uid), **cmd}
    original = _target(session, actor, target_uid)
    if (prior := find_replay(session, cmd["uid"], body, AMENDED)) is not None:
        return prior, False
    earlier = _may_correct(session, actor, original, True)
    fixed = sorted(set(cmd["data"]) & set(registry().kind(original.kind).protected))
    if fixed:
        raise Invalid(
            f"data: {', '.join(fixed)} cannot be amended",
            {"data": {name: ["stays as recorded: it cannot be amended"] for name in fixed}},
        )
    corrected = {**effective_data(original, earlier), **cmd["data"]}
    rederive = registry().kind(original.kind).rederive
    if rederive is not None:
        corrected = rederive(session, original, jsonable(corrected))
    corrected = jsonable(_conforms(original.kind, corrected))
    new = NewEvent(
        AMENDED,
        cmd["uid"],
        original.unit_id,
        original.resident_id,
        now,
        {"reason": cmd["reason"], "data": corrected, "changed": sorted(cmd["data"]), "original_kind": original.kind},
        body,
        corrects_uid=original.uid,
    )
    event, is_new = record(session, actor, new, now)
    if is_new:
        _redispatch(session, original, corrected, now)
    return event, is_new


def void(session: Session, actor: Actor, target_uid: str, cmd: dict[str, Any], now: datetime) -> tuple[Event, bool]:
    """Withdraw an event entered in error, with a reason; the original stays, marked void."""
    body = {"target": str(target_uid), **cmd}
    original = _target(session, actor, target_uid)
    if (prior := find_replay(session, cmd["uid"], body, VOIDED)) is not None:
        return prior, False
    _may_correct(session, actor, original, False)
    new = NewEvent(
        VOIDED,
        cmd["uid"],
        original.unit_id,
        original.resident_id,
        now,
        {"reason": cmd["reason"], "original_kind": original.kind},
        body,
        corrects_uid=original.uid,
    )
    event, is_new = record(session, actor, new, now)
    if is_new:
        _redispatch(session, original, None, now)
    return event, is_new


def _columns(event: Event) -> dict[str, Any]:
    return {column.key: getattr(event, column.key) for column in Event.__table__.columns}


def list_events(session: Session, actor: Actor, query: dict[str, Any]) -> dict[str, Any]:
    """A page of the log for one of the caller's units, ordered by id, each row marked effective or not."""
    if query["unit_id"] not in actor.unit_ids:
        raise NotFound("no such unit")
    if query.get("resident_id") is not None and write_path().admitted_at(session, query["resident_id"]) is None:
        raise NotFound("no such resident")
    stmt = select(Event).where(Event.unit_id == query["unit_id"], Event.id > query.get("after_id", 0))
    if query.get("resident_id") is not None:
        stmt = stmt.where(Event.resident_id == query["resident_id"])
    if query.get("kind"):
        stmt = stmt.where(Event.kind == query["kind"])
    if query.get("since"):
        stmt = stmt.where(Event.occurred_at >= query["since"])
    if query.get("until"):
        stmt = stmt.where(Event.occurred_at < query["until"])
    page = page_of(session, stmt.order_by(Event.id), query.get("limit", 100))
    rows = page["items"]
    corrections = corrections_of(session, [r.uid for r in rows] + [r.corrects_uid for r in rows if r.corrects_uid])
    page["items"] = [{**_columns(r), "effective": is_effective(r, corrections)} for r in rows]
    record_access(
        session, actor.id, "read:events", target=f"unit:{query['unit_id']}", resident_id=query.get("resident_id")
    )
    return page
