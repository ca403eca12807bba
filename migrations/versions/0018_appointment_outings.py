"""Appointments remember the outing the resident was signed out on for them

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

import facility.db

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("casework_appointments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outing_uid", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("left_at", facility.db.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("casework_appointments", schema=None) as batch_op:
        batch_op.drop_column("left_at")
        batch_op.drop_column("outing_uid")
