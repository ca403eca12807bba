"""medication observations: indexes by order and time for the med pass and the missed-dose sweep

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26

Found by the facility benchmark: with a year of doses per order, reading a day walked the whole year.
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("medication_observations", schema=None) as batch_op:
        batch_op.create_index("ix_medication_observations_order_scheduled", ["order_id", "scheduled_for"], unique=False)
        batch_op.create_index("ix_medication_observations_order_occurred", ["order_id", "occurred_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("medication_observations", schema=None) as batch_op:
        batch_op.drop_index("ix_medication_observations_order_occurred")
        batch_op.drop_index("ix_medication_observations_order_scheduled")
