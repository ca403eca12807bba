"""Storing a batch: each record in its own savepoint, answered on its own."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from marshmallow import ValidationError
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.errors import DomainError, log_failure
from facility.domain import registry


def _uid(body: Any) -> str | None:
    return str(body["uid"]) if isinstance(body, dict) and body.get("uid") is not None else None


def store_one(session: Session, actor: User, record: dict[str, Any], now: datetime) -> dict[str, Any]:
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
        cmd = kind.schema().load(body)
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


def sync(session: Session, actor: User, records: list[dict[str, Any]], now: datetime) -> dict[str, Any]:
    """Store every record of a batch independently, in order; the caller commits before answering."""
    return {"results": [store_one(session, actor, record, now) for record in records]}
