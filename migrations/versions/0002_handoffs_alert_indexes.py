"""handoffs, and alert indexes by time

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

import facility.db

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("shift_start", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("shift_end", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("generated_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("acknowledged_by_id", sa.Integer(), nullable=True),
        sa.Column("acknowledged_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ack_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_id"], ["users.id"], name=op.f("fk_handoffs_acknowledged_by_id_users")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_handoffs_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handoffs")),
        sa.UniqueConstraint("unit_id", "shift_start", name="uq_handoffs_unit_id_shift_start"),
    )
    # The handoff reads a shift's alerts by time, never the unit's whole alert history.
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index("ix_alerts_unit_raised", ["unit_id", "raised_at"], unique=False)
        batch_op.create_index("ix_alerts_unit_resolved", ["unit_id", "resolved_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index("ix_alerts_unit_resolved")
        batch_op.drop_index("ix_alerts_unit_raised")
    op.drop_table("handoffs")
