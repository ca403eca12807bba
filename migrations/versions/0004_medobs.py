"""medication orders and observed doses (projections of the medobs events)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

import facility.db

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "medication_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("medication", sa.String(length=120), nullable=False),
        sa.Column("strength", sa.String(length=60), nullable=False),
        sa.Column("dose", sa.String(length=60), nullable=False),
        sa.Column("route", sa.String(length=30), nullable=False),
        sa.Column("times", sa.JSON(), nullable=False),
        sa.Column("prn", sa.Boolean(), nullable=False),
        sa.Column("prn_indication", sa.String(length=200), nullable=True),
        sa.Column("prn_max_per_24h", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("instructions", sa.Text(), nullable=True),
        sa.Column("ordered_by_id", sa.Integer(), nullable=False),
        sa.Column("ordered_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("stopped_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("stopped_uid", sa.String(length=36), nullable=True),
        sa.Column("stop_reason", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["ordered_by_id"], ["users.id"], name=op.f("fk_medication_orders_ordered_by_id_users")),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_medication_orders_resident_id_residents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_medication_orders")),
        sa.UniqueConstraint("uid", name=op.f("uq_medication_orders_uid")),
    )
    with op.batch_alter_table("medication_orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_medication_orders_resident_id"), ["resident_id"], unique=False)

    op.create_table(
        "medication_observations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("dose_key", sa.String(length=40), nullable=False),
        sa.Column("scheduled_for", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("occurred_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=30), nullable=False),
        sa.Column("witness_id", sa.Integer(), nullable=False),
        sa.Column("side_effects", sa.JSON(), nullable=False),
        sa.Column("held_reason", sa.String(length=500), nullable=True),
        sa.Column("prn_indication", sa.String(length=200), nullable=True),
        sa.Column("followup_due_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("followup_uid", sa.String(length=36), nullable=True),
        sa.Column("followup_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("followup_effect", sa.String(length=30), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"], ["medication_orders.id"], name=op.f("fk_medication_observations_order_id_medication_orders")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_medication_observations_resident_id_residents")
        ),
        sa.ForeignKeyConstraint(["witness_id"], ["users.id"], name=op.f("fk_medication_observations_witness_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_medication_observations")),
        sa.UniqueConstraint("order_id", "dose_key", name="uq_medication_observations_order_dose"),
        sa.UniqueConstraint("uid", name=op.f("uq_medication_observations_uid")),
    )
    with op.batch_alter_table("medication_observations", schema=None) as batch_op:
        batch_op.create_index("ix_medication_observations_followup", ["followup_due_at", "followup_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_medication_observations_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_medication_observations_resident_id"), ["resident_id"], unique=False)


def downgrade() -> None:
    op.drop_table("medication_observations")
    op.drop_table("medication_orders")
