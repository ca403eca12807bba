"""Writing the audit log: who read or wrote what, when and from where."""

from __future__ import annotations

from typing import Any

from flask import g, has_request_context, request
from sqlalchemy.orm import Session

from facility import clock
from facility.db import add_or_defer
from facility.records.models import AuditEntry


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
    if user_id is None and has_request_context() and g.get("requester"):
        detail = {"by": g.requester, **detail}  # a system's token: the row names it (facility.auth.tokens)
    entry = AuditEntry(
        at=clock.now(),
        user_id=user_id,
        action=action,
        target=target,
        resident_id=resident_id,
        remote_addr=request.remote_addr if has_request_context() else None,
        detail=detail,
    )
    add_or_defer(session, entry)
    return entry
