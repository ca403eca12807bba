"""`after_id` paging, the one way every list of the API pages."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session


def page_of(session: Session, stmt: Select, limit: int) -> dict[str, Any]:
    """At most limit rows of stmt, and the id to continue after when more remain (API.md's list shape)."""
    rows = list(session.scalars(stmt.limit(limit + 1)))
    return {"items": rows[:limit], "next_after_id": rows[limit - 1].id if len(rows) > limit else None}
