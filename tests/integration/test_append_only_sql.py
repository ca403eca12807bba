"""Append-only below the API: no TRUNCATE, no INSERT OR REPLACE, and a database role that may only add and read."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from tests.conftest import ON_POSTGRES

TABLES = ["events", "audit_log"]


def first_row(session, table):
    return session.execute(text(f"SELECT * FROM {table} ORDER BY id LIMIT 1")).mappings().one()


@pytest.mark.parametrize("table", TABLES)
def test_a_stored_row_cannot_be_replaced_or_truncated_away(demo, session, table):
    before = dict(first_row(session, table))
    count = session.scalar(text(f"SELECT count(*) FROM {table}"))
    session.rollback()
    if ON_POSTGRES:
        with pytest.raises(DatabaseError, match="append-only"):
            session.execute(text(f"TRUNCATE {table} CASCADE"))
    else:
        columns = ", ".join(before)
        values = ", ".join(f":{name}" for name in before)
        changed = {**before, **({"kind": "x"} if table == "events" else {"action": "x"})}
        with pytest.raises(DatabaseError, match="append-only"):
            session.execute(text(f"INSERT OR REPLACE INTO {table} ({columns}) VALUES ({values})"), changed)
        if table == "events":  # the same uid under a new id is a replacement too
            with pytest.raises(DatabaseError, match="append-only"):
                session.execute(
                    text(f"INSERT OR REPLACE INTO {table} ({columns}) VALUES ({values})"), {**changed, "id": 10_000}
                )
    session.rollback()
    assert dict(first_row(session, table)) == before
    assert session.scalar(text(f"SELECT count(*) FROM {table}")) == count


def test_the_insert_and_select_role_cannot_change_the_record(demo, session):
    """PostgreSQL: the migration's facility_app role; SQLite has no roles, its triggers stand in (above)."""
    if not ON_POSTGRES:
        assert (
            session.scalar(
                text(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                    "AND name IN ('events_no_replace', 'audit_log_no_replace')"
                )
            )
            == 2
        )
        return
    session.execute(text("SET ROLE facility_app"))
    assert session.scalar(text("SELECT count(*) FROM events")) > 0
    session.execute(text("UPDATE residents SET room = room"))  # projections stay writable
    for statement in ("UPDATE events SET kind = kind", "DELETE FROM audit_log", "TRUNCATE events"):
        session.execute(text("SAVEPOINT attempt"))
        with pytest.raises(DatabaseError, match="permission denied"):
            session.execute(text(statement))
        session.execute(text("ROLLBACK TO SAVEPOINT attempt"))
    session.rollback()
