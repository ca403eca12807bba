"""Storing a batch: each record in its own savepoint, answered on its own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from marshmallow import Schema, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.census.models import Resident
from facility.domain import SyncType, registry
from facility.errors import DomainError, log_failure


def _uid(body: Any) -> str | None:
    return str(body["uid"]) if isinstance(body, dict) and body.get("uid") is not None else None


def store_one(
    session: Session, actor: User, record: dict[str, Any], now: datetime, schemas: dict[str, Schema] | None = None
) -> dict[str, Any]:
    """Store one record; the answer carries the status its own endpoint would have given."""
    body = record.get("body")
    answer: dict[str, Any] = {"uid": _uid(body)}
    types = registry().sync_types
    kind = types.get(record.get("type")) if isinstance(record.get("type"), str) else None
    if kind is None:
        return {**answer, "status": 422, "errors": {"type": [f"one of {sorted(types)}"]}}
    if not isinstance(body, dict):
        return {**answer, "status": 422, "errors": {"body": ["must be an object"]}}
    try:
        cmd = _schema(kind, schemas).load(body)
        with session.begin_nested():  # a refused record takes only its own writes and pushes with it
            stored, is_new = kind.service(session, actor, cmd, now)
    except ValidationError as error:
        return {**answer, "status": 422, "errors": error.normalized_messages()}
    except DomainError as error:
        return {**answer, "status": error.status, "errors": error.errors or {"_record": [error.message]}}
    except Exception as failure:  # one broken record must not stop the batch; the tablet keeps it and retries
        log_failure(failure, f"sync record of type {record.get('type')} failed")
        return {**answer, "status": 500, "errors": {"_record": ["not stored; will be retried"]}}
    return {**answer, "status": 201 if is_new else 200, "id": stored.id}


def _schema(kind: SyncType, schemas: dict[str, Schema] | None) -> Schema:
    """One schema instance per type for the whole batch: making one copies its fields, which costs more than a
    replayed record's look-up."""
    if schemas is None:
        return kind.schema()
    if kind.name not in schemas:
        schemas[kind.name] = kind.schema()
    return schemas[kind.name]


def sync(
    session: Session,
    actor: User,
    records: list[dict[str, Any]],
    now: datetime,
    between: Callable[[], None] = lambda: None,
) -> dict[str, Any]:
    """Store every record of a batch independently, in order; the caller commits before answering.

    `between` runs after each record: the request commits what is stored so far now and then and lets the
    server's other requests run, so that a batch of 500 keeps nobody else waiting for it.
    """
    # The caller's residents stay in the session for the whole batch: each record's resident is then found
    # without a query, which is most of what a replayed record costs.
    residents = session.scalars(select(Resident).where(Resident.unit_id.in_(actor.unit_ids))).all()
    schemas: dict[str, Schema] = {}
    results = []
    for record in records:
        results.append(store_one(session, actor, record, now, schemas))
        between()
    del residents
    return {"results": results}
