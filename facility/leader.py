"""Scheduler leadership: on PostgreSQL a session advisory lock held on a connection of its own."""
from __future__ import annotations

import logging

from sqlalchemy import create_engine, text
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

    def acquire(self) -> bool:
        """Try once to lead, without waiting; True when this process leads now."""
        if not self.shared:
            return True  # SQLite: one machine, one embedded or standalone scheduler
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

    def held(self) -> bool:
        """True while the connection holding the lock is alive (the lock dies with it)."""
        if not self.shared:
            return True
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
        """Give up leadership: closing the connection frees the lock."""
        connection, self.connection = self.connection, None
        if connection is not None:
            try:
                connection.close()
            except DBAPIError:
                pass
