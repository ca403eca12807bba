"""Alembic, driven from the app: upgrade, and the check that refuses an un-migrated database."""

from __future__ import annotations

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from facility.config import ROOT


class SchemaNotCurrent(RuntimeError):
    """The database is older (or newer) than the code's migrations."""


def alembic_config(database_url: str) -> AlembicConfig:
    """The project's Alembic configuration pointed at database_url."""
    config = AlembicConfig(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str) -> None:
    """Bring the database to the newest revision."""
    command.upgrade(alembic_config(database_url), "head")


def ensure_current(engine: Engine, database_url: str) -> None:
    """Raise SchemaNotCurrent with the command to run when the database is not at head."""
    head = ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current != head:
        raise SchemaNotCurrent(
            f"the database is at revision {current or 'none (empty)'}, the code needs {head}: "
            "run `make migrate` (or `flask --app wsgi facility migrate`) first"
        )
