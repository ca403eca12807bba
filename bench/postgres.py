"""The benchmarks' SQLite databases copied into PostgreSQL, so each table can be measured on both.

The world is generated once, in SQLite, where bulk inserts are fast; `on_postgres(url, name)` makes database
`<DATABASE_URL's database>_<name>` on the DATABASE_URL server, migrates it, and copies every table in
foreign-key order. The copy only inserts, so the append-only triggers are never in the way.
"""

from __future__ import annotations

import os
import time

from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

import facility.models  # noqa: F401 (every table on the metadata)
from facility.db import Base
from facility.migrate import upgrade

CHUNK = 5000


def postgres_url() -> str | None:
    """DATABASE_URL when it names a PostgreSQL server, else None (the PostgreSQL rows are skipped)."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgresql") else None


def _fresh_database(base: str, name: str) -> str:
    server = make_url(base)
    target = server.set(database=f"{server.database}_{name}")
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()
    return target.render_as_string(hide_password=False)


def on_postgres(sqlite_url: str, name: str) -> tuple[str, float]:
    """(url, seconds): a PostgreSQL copy of the SQLite database, migrated to head and filled table by table."""
    began = time.perf_counter()
    url = _fresh_database(postgres_url(), name)
    upgrade(url)
    source, target = create_engine(sqlite_url), create_engine(url)
    present = set(inspect(source).get_table_names())
    with source.connect() as read, target.begin() as write:
        for table in Base.metadata.sorted_tables:
            if table.name not in present:
                continue
            rows = read.execute(select(table)).mappings()
            while chunk := rows.fetchmany(CHUNK):
                write.execute(table.insert(), [dict(row) for row in chunk])
            if "id" in table.c:  # the next id after the copied ones
                top = write.scalar(select(func.max(table.c.id)))
                if top:
                    write.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), {top})"))
        write.execute(text("ANALYZE"))
    source.dispose()
    target.dispose()
    return url, time.perf_counter() - began
