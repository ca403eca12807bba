"""daily care: goals, consents, outings, meals (projections of the care events)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26

Rebased by the merge after the incidents revision; the tables stand alone.
"""

import sqlalchemy as sa
from alembic import op

import facility.db

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "care_consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("contact_name", sa.String(length=120), nullable=False),
        sa.Column("contact_key", sa.String(length=120), nullable=False),
        sa.Column("relationship", sa.String(length=60), nullable=False),
        sa.Column("scope", sa.String(length=40), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["users.id"], name=op.f("fk_care_consents_recorded_by_id_users")),
        sa.ForeignKeyConstraint(["resident_id"], ["residents.id"], name=op.f("fk_care_consents_resident_id_residents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_consents")),
        sa.UniqueConstraint("uid", name=op.f("uq_care_consents_uid")),
    )
    with op.batch_alter_table("care_consents", schema=None) as batch_op:
        batch_op.create_index("ix_care_consents_resident_contact", ["resident_id", "contact_key"], unique=False)

    op.create_table(
        "care_goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("set_by_id", sa.Integer(), nullable=False),
        sa.Column("set_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["resident_id"], ["residents.id"], name=op.f("fk_care_goals_resident_id_residents")),
        sa.ForeignKeyConstraint(["set_by_id"], ["users.id"], name=op.f("fk_care_goals_set_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_goals")),
        sa.UniqueConstraint("uid", name=op.f("uq_care_goals_uid")),
    )
    with op.batch_alter_table("care_goals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_care_goals_resident_id"), ["resident_id"], unique=False)

    op.create_table(
        "care_meals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("meal", sa.String(length=20), nullable=False),
        sa.Column("percent_eaten", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["resident_id"], ["residents.id"], name=op.f("fk_care_meals_resident_id_residents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_meals")),
        sa.UniqueConstraint("uid", name=op.f("uq_care_meals_uid")),
    )
    with op.batch_alter_table("care_meals", schema=None) as batch_op:
        batch_op.create_index("ix_care_meals_resident_occurred", ["resident_id", "occurred_at"], unique=False)

    op.create_table(
        "care_outings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("started_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("destination", sa.String(length=200), nullable=False),
        sa.Column("escort_id", sa.Integer(), nullable=True),
        sa.Column("vehicle", sa.String(length=120), nullable=True),
        sa.Column("expected_return_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("signed_out_by_id", sa.Integer(), nullable=False),
        sa.Column("returned_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("return_uid", sa.String(length=36), nullable=True),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["escort_id"], ["users.id"], name=op.f("fk_care_outings_escort_id_users")),
        sa.ForeignKeyConstraint(["resident_id"], ["residents.id"], name=op.f("fk_care_outings_resident_id_residents")),
        sa.ForeignKeyConstraint(
            ["signed_out_by_id"], ["users.id"], name=op.f("fk_care_outings_signed_out_by_id_users")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_care_outings_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_outings")),
        sa.UniqueConstraint("uid", name=op.f("uq_care_outings_uid")),
    )
    with op.batch_alter_table("care_outings", schema=None) as batch_op:
        batch_op.create_index("ix_care_outings_open", ["returned_at", "expected_return_at"], unique=False)
        batch_op.create_index("ix_care_outings_resident_started", ["resident_id", "started_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("care_outings", schema=None) as batch_op:
        batch_op.drop_index("ix_care_outings_resident_started")
        batch_op.drop_index("ix_care_outings_open")

    op.drop_table("care_outings")
    with op.batch_alter_table("care_meals", schema=None) as batch_op:
        batch_op.drop_index("ix_care_meals_resident_occurred")

    op.drop_table("care_meals")
    with op.batch_alter_table("care_goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_care_goals_resident_id"))

    op.drop_table("care_goals")
    with op.batch_alter_table("care_consents", schema=None) as batch_op:
        batch_op.drop_index("ix_care_consents_resident_contact")

    op.drop_table("care_consents")
