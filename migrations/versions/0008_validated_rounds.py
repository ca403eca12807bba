"""validated rounds: presence codes, round assignments, the unit's scan policy

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

import facility.db

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "presence_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("room", sa.String(length=20), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=True),
        sa.Column("created_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("replaced_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("replaced_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["replaced_by_id"], ["presence_codes.id"], name=op.f("fk_presence_codes_replaced_by_id_presence_codes")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_presence_codes_resident_id_residents")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_presence_codes_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_presence_codes")),
        sa.UniqueConstraint("token", name=op.f("uq_presence_codes_token")),
    )
    with op.batch_alter_table("presence_codes", schema=None) as batch_op:
        batch_op.create_index("ix_presence_codes_unit_kind", ["unit_id", "kind"], unique=False)

    op.create_table(
        "round_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("shift_start", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("assigned_by_id", sa.Integer(), nullable=False),
        sa.Column("assigned_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assigned_by_id"], ["users.id"], name=op.f("fk_round_assignments_assigned_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_round_assignments_resident_id_residents")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_round_assignments_unit_id_units")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_round_assignments_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_assignments")),
        sa.UniqueConstraint("unit_id", "shift_start", "resident_id", name=op.f("uq_round_assignments_unit_id")),
    )
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scan_required_levels", sa.JSON(), server_default="[]", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_column("scan_required_levels")

    op.drop_table("round_assignments")
    with op.batch_alter_table("presence_codes", schema=None) as batch_op:
        batch_op.drop_index("ix_presence_codes_unit_kind")

    op.drop_table("presence_codes")
