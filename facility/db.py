"""The database: declarative base, the UTC timestamp type, engine and session per app."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from flask import has_request_context, request
from sqlalchemy import BigInteger, Integer, MetaData, create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker
from sqlalchemy.types import DateTime, TypeDecorator

log = logging.getLogger(__name__)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a bigint.
BigId = BigInteger().with_variant(Integer, "sqlite")


class Base(DeclarativeBase):
    """Base class of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC that refuses naive datetimes and loads aware ones on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime refused: {value!r}")
        value = value.astimezone(UTC)
        # SQLite keeps text; store it without an offset so ordering stays lexical.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove a row of an append-only table."""


def _refuse_change(_mapper: Any, _connection: Any, target: Any) -> None:
    raise AppendOnlyError(f"{type(target).__name__} rows are append-only")


def guard_append_only(model: type) -> None:
    """Make the ORM refuse any update or delete of model's rows (the log and the audit log)."""
    event.listen(model, "before_update", _refuse_change)
    event.listen(model, "before_delete", _refuse_change)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
BUSY_SECONDS = 10.0

# Whether the transaction about to begin will write: None means "decide by the request's method".
_write_intent: ContextVar[bool | None] = ContextVar("facility_write_intent", default=None)


def wants_write() -> bool:
    """Will the next transaction write? Reads of a request do not; jobs and the CLI may."""
    intent = _write_intent.get()
    if intent is not None:
        return intent
    if has_request_context():
        return request.method not in SAFE_METHODS
    return True


DEFERRED = "facility_deferred_rows"


def locked(session: Session, model: type, ident: Any) -> Any:
    """The row read afresh and locked until the transaction ends, for a step that checks a record's state and then
    changes it (sign, void, review, a referral's step): of two such steps at once the second waits and sees the
    first's (PostgreSQL's FOR UPDATE; SQLite serialises writes at BEGIN already)."""
    return session.get(model, ident, with_for_update=True, populate_existing=True)


def hold(session: Session, model: Any, ident: Any) -> None:
    """Lock one row until the transaction ends without loading it (what the step checks is read after): for a
    row whose mapping joins others in, which FOR UPDATE cannot take."""
    session.execute(select(model.id).where(model.id == ident).with_for_update())


def add_or_defer(session: Session, row: Any) -> None:
    """Add a row to the session's transaction; in a read, keep it until the read has ended (see take_deferred)."""
    if wants_write():
        session.add(row)
    else:
        session.info.setdefault(DEFERRED, []).append(row)


def take_deferred(session: Session) -> list[Any]:
    """The rows a read gathered, waiting to be written in a short transaction of their own."""
    return session.info.pop(DEFERRED, [])


@contextmanager
def write_intent(write: bool) -> Iterator[None]:
    """Declare whether transactions begun inside the block write (True) or only read (False)."""
    token = _write_intent.set(write)
    try:
        yield
    finally:
        _write_intent.reset(token)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy issue BEGIN itself so that writes take the lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # No waiting inside SQLite: a wait there blocks the whole green event loop. _sqlite_begin waits instead.
    cursor.execute("PRAGMA busy_timeout=0")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    """A read begins deferred (WAL readers never wait); a write takes the lock at BEGIN, waiting cooperatively.

    The wait sleeps with time.sleep, which the green worker (eventlet or gevent) turns into a yield, so
    other requests go on while one waits for the lock.
    """
    if not wants_write():
        conn.exec_driver_sql("BEGIN")
        return
    deadline, pause = time.monotonic() + BUSY_SECONDS, 0.001
    while True:
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as error:
            if "locked" not in str(error.orig) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


def make_engine(url: str) -> Engine:
    """An engine for the URL; on SQLite WAL, deferred reads and writes that take the lock at BEGIN.

    Bound values are never logged: they are residents' data.
    """
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 0}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # A database that does not answer must not hold a request: give up connecting after 5 s (then 503).
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=20,
        hide_parameters=True,
        connect_args={"connect_timeout": 5},
    )


class Database:
    """Holds one app's engine, session factory and the request-scoped session."""

    def __init__(self) -> None:
        self.engine: Engine | None = None
        self.factory: sessionmaker | None = None
        self.session: scoped_session | None = None

    def init_app(self, app: Any) -> None:
        """Create the engine for app.config['DATABASE_URL'] and close the session after each context."""
        self.engine = make_engine(app.config["DATABASE_URL"])
        self.factory = sessionmaker(bind=self.engine, expire_on_commit=False)
        self.session = scoped_session(self.factory)
        app.extensions["facility_db"] = self

        @app.teardown_appcontext
        def _close_session(_exc: BaseException | None) -> None:
            self.session.remove()

    def new_session(self) -> Session:
        """A session of its own, for jobs and socket handlers."""
        return self.factory()


def on_commit(session: Session, callback: Callable[[], None]) -> None:
    """Run callback once the outermost transaction commits; never if the level that queued it rolls back.

    A callback belongs to the transaction level (savepoint or root) current when it is queued. Releasing a
    savepoint hands its callbacks to the enclosing level; rolling it back drops them, and only them.
    """
    if isinstance(session, scoped_session):
        session = session()
    if not session.in_transaction():
        session.begin()
    level = session.get_nested_transaction() or session.get_transaction()
    session.info.setdefault(_PENDING, []).append([level, callback])


_PENDING = "on_commit"
_COMMITTED = "on_commit_committed"


@event.listens_for(Session, "after_commit")
def _mark_committed(session: Session) -> None:
    # Fired for a savepoint's release too; the level being committed is still the innermost one.
    level = session.get_nested_transaction() or session.get_transaction()
    session.info.setdefault(_COMMITTED, []).append(level)


@event.listens_for(Session, "after_transaction_end")
def _settle_on_commit(session: Session, level: Any) -> None:
    committed = session.info.get(_COMMITTED, [])
    was_committed = any(level is c for c in committed)
    session.info[_COMMITTED] = [c for c in committed if c is not level]
    pending = session.info.get(_PENDING)
    if not pending:
        return
    if level.parent is not None:  # a savepoint: its callbacks go up on release, or away on rollback
        if was_committed:
            for entry in pending:
                if entry[0] is level:
                    entry[0] = level.parent
        else:
            session.info[_PENDING] = [entry for entry in pending if entry[0] is not level]
        return
    session.info.pop(_PENDING, None)
    if was_committed:
        for _level, callback in pending:
            try:
                callback()
            except Exception:  # what was committed stays committed; a failed side effect is only logged
                log.exception("after-commit callback failed")
