"""episodes opened from incident reports: the order may wait for a nurse; reports linked to earlier episodes

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

import facility.db

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("episodes", schema=None) as batch_op:
        batch_op.alter_column("order_minutes", existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column("order_expires_at", existing_type=facility.db.UTCDateTime(timezone=True), nullable=True)
        batch_op.add_column(sa.Column("opened_from_report", sa.Boolean(), server_default=sa.false(), nullable=False))

    op.create_table(
        "episode_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("episode_id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["episode_id"], ["episodes.id"], name=op.f("fk_episode_links_episode_id_episodes")),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name=op.f("fk_episode_links_incident_id_incidents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_episode_links")),
        sa.UniqueConstraint("uid", name=op.f("uq_episode_links_uid")),
        sa.UniqueConstraint("episode_id", "incident_id", name=op.f("uq_episode_links_episode_id")),
    )
    with op.batch_alter_table("episode_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_episode_links_episode_id"), ["episode_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_episode_links_incident_id"), ["incident_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("episode_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_episode_links_incident_id"))
        batch_op.drop_index(batch_op.f("ix_episode_links_episode_id"))
    op.drop_table("episode_links")
    with op.batch_alter_table("episodes", schema=None) as batch_op:
        batch_op.drop_column("opened_from_report")
        batch_op.alter_column("order_expires_at", existing_type=facility.db.UTCDateTime(timezone=True), nullable=False)
        batch_op.alter_column("order_minutes", existing_type=sa.Integer(), nullable=False)
