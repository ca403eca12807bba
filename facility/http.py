"""Helpers for thin routes: the caller, the commit at the edge, 201-or-200 answers."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask_login import current_user
from sqlalchemy.orm import Session
from werkzeug.routing import IntegerConverter

from facility.actors import Actor
from facility.db import take_deferred, wants_write, write_intent
from facility.extensions import db, socketio
from facility.schemas import MAX_ID

# How long a request working through independent records keeps its transaction before committing what it stored.
TURN_SECONDS = 0.05

# The OpenAPI note on the 200 a create endpoint answers when a client sends a known uid again.
REPLAYED = "The same uid with the same body again: the record stored the first time, nothing new stored."


class IdConverter(IntegerConverter):
    """A positive id that fits a database integer (SQLite and PostgreSQL bigint alike)."""

    def __init__(self, url_map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def actor() -> Actor:
    """The logged-in user as a plain model instance (facility.auth.models.User)."""
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


def in_turns(session: Session, seconds: float = TURN_SECONDS) -> Callable[[], None]:
    """For a write made of independent records (a sync batch): call the result after each record.

    It lets the server's other requests run (a green worker serves everyone from one thread, so a long request
    must step aside of its own accord), and commits what is stored once a turn has lasted `seconds`, so that other
    writers are not kept off the SQLite lock for the whole batch. What is committed is each record's own answer
    already: a 2xx still means every stored record of it is committed, by the last commit at the edge.
    """
    turn_began = time.monotonic()

    def step_aside() -> None:
        nonlocal turn_began
        if time.monotonic() - turn_began >= seconds:
            session.commit()
            turn_began = time.monotonic()
        socketio.sleep(0)  # the worker's own yield (eventlet, gevent or threads), never a green import here

    return step_aside


def created(result: tuple[Any, bool]) -> tuple[Any, int]:
    """201 for a new record, 200 for the replay of a known uid."""
    record, is_new = result
    return record, 201 if is_new else 200
