"""Clinical records corrected: a withdrawn draft plan is marked, a rewritten process note keeps its earlier words

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clinical_plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("voided", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("clinical_process_notes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("earlier", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))


def downgrade() -> None:
    with op.batch_alter_table("clinical_process_notes", schema=None) as batch_op:
        batch_op.drop_column("earlier")
    with op.batch_alter_table("clinical_plans", schema=None) as batch_op:
        batch_op.drop_column("voided")
