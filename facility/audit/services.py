"""Writing the audit log."""

from __future__ import annotations

from typing import Any

from flask import has_request_context, request
from sqlalchemy.orm import Session

from facility import clock
from facility.audit.models import AuditEntry
from facility.db import wants_write

DEFERRED = "deferred_audit"


def record_access(
    session: Session,
    user_id: int | None,
    action: str,
    *,
    target: str | None = None,
    resident_id: int | None = None,
    **detail: Any,
) -> AuditEntry:
    """Add an audit row to the session's transaction; it commits with the use case.

    In a read (see facility.db.wants_write) the row waits in the session until the read has ended and is
    then written in a short transaction of its own (facility.http.commit_read), so a read never holds the
    write lock while it reads.
    """
    entry = AuditEntry(
        at=clock.now(),
        user_id=user_id,
        action=action,
        target=target,
        resident_id=resident_id,
        remote_addr=request.remote_addr if has_request_context() else None,
        detail=detail,
    )
    if wants_write():
        session.add(entry)
    else:
        session.info.setdefault(DEFERRED, []).append(entry)
    return entry


def take_deferred(session: Session) -> list[AuditEntry]:
    """The audit rows of a read, waiting to be written."""
    return session.info.pop(DEFERRED, [])
