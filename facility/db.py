"""The database: declarative base, the UTC timestamp type, engine and session per app."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import BigInteger, Integer, MetaData, create_engine, event
from sqlalchemy.engine import Engine
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
        value = value.astimezone(timezone.utc)
        # SQLite keeps text; store it without an offset so ordering stays lexical.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove a row of an append-only table."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy issue BEGIN itself so that writes take the lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin_immediate(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """An engine for the URL, with WAL, busy timeout and BEGIN IMMEDIATE on SQLite."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


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
