"""hardening: revocable sessions, audit targets of any length, append-only below the API, an insert-only role

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

APPEND_ONLY_TABLES = ("events", "audit_log")
# The role the web and scheduler processes may run as on PostgreSQL: the clinical record and the
# audit log can be read and added to, never changed, removed or truncated (README: "Database roles").
APP_ROLE = "facility_app"


def _sqlite_refuse_replace() -> None:
    """INSERT OR REPLACE deletes the old row without firing delete triggers; refuse the insert itself."""
    for table in APPEND_ONLY_TABLES:
        clash = "id = NEW.id OR uid = NEW.uid" if table == "events" else "id = NEW.id"
        # The message reads as a unique clash, which is what the application answers 409 to.
        op.execute(
            f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
            f"WHEN EXISTS (SELECT 1 FROM {table} WHERE {clash}) "
            f"BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: {table} rows are append-only'); END"
        )


def _postgres_refuse_truncate() -> None:
    for table in APPEND_ONLY_TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()"
        )


def _postgres_app_role() -> None:
    op.execute(f"""
        DO $$ BEGIN
            CREATE ROLE {APP_ROLE} NOLOGIN;
        EXCEPTION
            -- Roles belong to the cluster: another database's migration may create it at the same moment.
            WHEN duplicate_object OR unique_violation THEN NULL;
        END $$""")
    op.execute(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}")
    op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}")
    op.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {', '.join(APPEND_ONLY_TABLES)} FROM {APP_ROLE}")
    # Tables of later migrations get the ordinary rights; append-only ones revoke as above.
    op.execute(
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {APP_ROLE}"
    )
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {APP_ROLE}")


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_version", sa.Integer(), nullable=False, server_default="0"))
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        # SQLite does not enforce VARCHAR lengths (and rebuilding audit_log would drop its triggers).
        op.alter_column("audit_log", "target", type_=sa.Text(), existing_type=sa.String(80))
        _postgres_refuse_truncate()
        _postgres_app_role()
    elif bind.dialect.name == "sqlite":
        _sqlite_refuse_replace()


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM {APP_ROLE}")
        op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM {APP_ROLE}")
        op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {APP_ROLE}")
        op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {APP_ROLE}")
        op.execute(f"REVOKE USAGE ON SCHEMA public FROM {APP_ROLE}")
        for table in APPEND_ONLY_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.alter_column("audit_log", "target", type_=sa.String(80), existing_type=sa.Text())
    elif bind.dialect.name == "sqlite":
        for table in APPEND_ONLY_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_replace")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("session_version")
