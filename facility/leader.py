"""Scheduler leadership: on PostgreSQL a session advisory lock held on a connection of its own; on SQLite an
exclusive lock on a file beside the database, so that two schedulers on one machine never both sweep."""

from __future__ import annotations

import fcntl
import logging
import os
from typing import IO

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

log = logging.getLogger(__name__)

# Fits in 32 bits so that pg_locks shows it as objid with classid 0.
LOCK_KEY = 0x66616369  # "faci"


class Leadership:
    """Whether this process may run the scheduled jobs; only one process holds it per database."""

    def __init__(self, database_url: str) -> None:
        self.shared = database_url.startswith("postgresql")
        self.connection: Connection | None = None
        self.engine = create_engine(database_url, poolclass=NullPool) if self.shared else None
        self.lock_path = None if self.shared else _lock_path(database_url)
        self.lock_file: IO | None = None

    def acquire(self) -> bool:
        """Try once to lead, without waiting; True when this process leads now."""
        if not self.shared:
            return self._lock_file()
        if self.connection is not None:
            return self.held()
        connection = self.engine.connect()
        try:
            got = connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY})
            connection.commit()  # the lock belongs to the session, not to this transaction
        except DBAPIError:
            connection.close()
            log.exception("leadership check failed")
            return False
        if not got:
            connection.close()
            return False
        self.connection = connection
        return True

    def _lock_file(self) -> bool:
        if self.lock_path is None or self.lock_file is not None:
            return True  # an in-memory database has one process by nature
        handle = open(self.lock_path, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self.lock_file = handle
        return True

    def held(self) -> bool:
        """True while the connection holding the lock is alive (the lock dies with it)."""
        if not self.shared:
            return self.lock_path is None or self.lock_file is not None
        if self.connection is None:
            return False
        try:
            self.connection.scalar(text("SELECT 1"))
            self.connection.commit()
            return True
        except DBAPIError:
            log.warning("the connection holding scheduler leadership was lost")
            self.release()
            return False

    def release(self) -> None:
        """Give up leadership: closing the connection (or the lock file) frees the lock."""
        lock_file, self.lock_file = self.lock_file, None
        if lock_file is not None:
            lock_file.close()
        connection, self.connection = self.connection, None
        if connection is not None:
            try:
                connection.close()
            except DBAPIError:
                pass


def _lock_path(database_url: str) -> str | None:
    """The lock file beside a SQLite database file; None for an in-memory one."""
    database = make_url(database_url).database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return f"{database}.scheduler-lock"
