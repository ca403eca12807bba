"""Writing the audit log."""
from __future__ import annotations

from typing import Any

from flask import has_request_context, request
from sqlalchemy.orm import Session

from facility import clock
from facility.audit.models import AuditEntry


def record_access(
    session: Session,
    user_id: int | None,
    action: str,
    *,
    target: str | None = None,
    resident_id: int | None = None,
    **detail: Any,
) -> AuditEntry:
    """Add an audit row to the session's transaction; it commits with the use case."""
    entry = AuditEntry(
        at=clock.now(),
        user_id=user_id,
        action=action,
        target=target,
        resident_id=resident_id,
        remote_addr=request.remote_addr if has_request_context() else None,
        detail=detail,
    )
    session.add(entry)
    return entry
