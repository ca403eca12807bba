"""Helpers for thin routes: the caller, the commit at the edge, 201-or-200 answers."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask_login import current_user
from sqlalchemy.orm import Session
from werkzeug.routing import IntegerConverter

from facility.auth.models import User
from facility.audit.services import take_deferred
from facility.db import wants_write, write_intent
from facility.extensions import db
from facility.schemas import MAX_ID

# The OpenAPI note on the 200 a create endpoint answers when a client sends a known uid again.
REPLAYED = "The same uid with the same body again: the record stored the first time, nothing new stored."


class IdConverter(IntegerConverter):
    """A positive id that fits a database integer (SQLite and PostgreSQL bigint alike)."""

    def __init__(self, url_map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def actor() -> User:
    """The logged-in user as a plain model instance."""
    return current_user._get_current_object()


def committed(view: Callable) -> Callable:
    """Commit the use case's transaction before the answer is serialised: a 2xx means stored.

    The view runs after its input was parsed, so a write transaction never waits on a slow client.
    """

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = view(*args, **kwargs)
        if wants_write():
            db.session.commit()
        else:
            commit_read(db.session)
        return result

    return wrapper


def commit_read(session: Session) -> None:
    """End a read, then write the audit rows it gathered in a short transaction of their own."""
    session.commit()
    entries = take_deferred(session)
    if entries:
        with write_intent(True):
            session.add_all(entries)
            session.commit()


def created(result: tuple[Any, bool]) -> tuple[Any, int]:
    """201 for a new record, 200 for the replay of a known uid."""
    record, is_new = result
    return record, 201 if is_new else 200
