"""clinical work: co-signature flag, assessments, therapy sessions, process notes, treatment plans

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

import facility.db

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("requires_cosign", sa.Boolean(), server_default=sa.false(), nullable=False))

    op.create_table(
        "clinical_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("instrument", sa.String(length=40), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("occurred_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("administered_by_id", sa.Integer(), nullable=False),
        sa.Column("informant", sa.String(length=20), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("band", sa.String(length=40), nullable=True),
        sa.Column("critical_items", sa.JSON(), nullable=False),
        sa.Column("incomplete_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["administered_by_id"], ["users.id"], name=op.f("fk_clinical_assessments_administered_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_clinical_assessments_resident_id_residents")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_clinical_assessments_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinical_assessments")),
        sa.UniqueConstraint("uid", name=op.f("uq_clinical_assessments_uid")),
    )
    with op.batch_alter_table("clinical_assessments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clinical_assessments_resident_id"), ["resident_id"], unique=False)
        batch_op.create_index(
            "ix_clinical_assessments_resident_instrument", ["resident_id", "instrument", "occurred_at"], unique=False
        )

    op.create_table(
        "clinical_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("modality", sa.String(length=40), nullable=False),
        sa.Column("started_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("risk", sa.JSON(), nullable=False),
        sa.Column("objective_ids", sa.JSON(), nullable=False),
        sa.Column("needs_cosign", sa.Boolean(), nullable=False),
        sa.Column("signed_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("cosigned_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("cosigned_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_clinical_sessions_author_id_users")),
        sa.ForeignKeyConstraint(
            ["cosigned_by_id"], ["users.id"], name=op.f("fk_clinical_sessions_cosigned_by_id_users")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_clinical_sessions_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinical_sessions")),
        sa.UniqueConstraint("uid", name=op.f("uq_clinical_sessions_uid")),
    )
    with op.batch_alter_table("clinical_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clinical_sessions_unit_id"), ["unit_id"], unique=False)
        batch_op.create_index("ix_clinical_sessions_unsigned", ["signed_at", "ended_at"], unique=False)

    op.create_table(
        "clinical_session_residents",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_clinical_session_residents_resident_id_residents")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["clinical_sessions.id"],
            name=op.f("fk_clinical_session_residents_session_id_clinical_sessions"),
        ),
        sa.PrimaryKeyConstraint("session_id", "resident_id", name=op.f("pk_clinical_session_residents")),
    )
    with op.batch_alter_table("clinical_session_residents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clinical_session_residents_resident_id"), ["resident_id"], unique=False)

    op.create_table(
        "clinical_process_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("written_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_clinical_process_notes_author_id_users")),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["clinical_sessions.id"],
            name=op.f("fk_clinical_process_notes_session_id_clinical_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinical_process_notes")),
        sa.UniqueConstraint("session_id", name=op.f("uq_clinical_process_notes_session_id")),
    )

    op.create_table(
        "clinical_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("written_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("review_days", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("signed_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("participation", sa.String(length=30), nullable=True),
        sa.Column("sign_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_clinical_plans_author_id_users")),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_clinical_plans_resident_id_residents")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_clinical_plans_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinical_plans")),
        sa.UniqueConstraint("resident_id", "version", name="uq_clinical_plans_resident_version"),
        sa.UniqueConstraint("uid", name=op.f("uq_clinical_plans_uid")),
    )
    with op.batch_alter_table("clinical_plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clinical_plans_resident_id"), ["resident_id"], unique=False)

    op.create_table(
        "clinical_plan_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("parent_key", sa.String(length=40), nullable=True),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_clinical_plan_items_resident_id_residents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinical_plan_items")),
        sa.UniqueConstraint("resident_id", "level", "key", name="uq_clinical_plan_items_resident_level_key"),
    )
    with op.batch_alter_table("clinical_plan_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clinical_plan_items_resident_id"), ["resident_id"], unique=False)


def downgrade() -> None:
    op.drop_table("clinical_plan_items")
    op.drop_table("clinical_plans")
    op.drop_table("clinical_process_notes")
    op.drop_table("clinical_session_residents")
    op.drop_table("clinical_sessions")
    op.drop_table("clinical_assessments")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("requires_cosign")
