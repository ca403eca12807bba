"""incident reports, their steps and addenda; restraint and seclusion episodes with orders and checks

(projections of the incident.* and episode.* events)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

import facility.db

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("occurred_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("severity", sa.String(length=12), nullable=True),
        sa.Column("category", sa.String(length=40), nullable=True),
        sa.Column("resident_ids", sa.JSON(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("created_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_incidents_author_id_users")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_incidents_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint("uid", name=op.f("uq_incidents_uid")),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index("ix_incidents_unit_occurred", ["unit_id", "occurred_at"], unique=False)
        batch_op.create_index("ix_incidents_unit_status", ["unit_id", "status"], unique=False)

    op.create_table(
        "episodes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("started_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("started_by_id", sa.Integer(), nullable=False),
        sa.Column("order_minutes", sa.Integer(), nullable=False),
        sa.Column("order_expires_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_monitored_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("face_to_face_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("face_to_face_by_id", sa.Integer(), nullable=True),
        sa.Column("face_to_face_findings", sa.Text(), nullable=True),
        sa.Column("ended_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ended_by_id", sa.Integer(), nullable=True),
        sa.Column("end_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["ended_by_id"], ["users.id"], name=op.f("fk_episodes_ended_by_id_users")),
        sa.ForeignKeyConstraint(
            ["face_to_face_by_id"], ["users.id"], name=op.f("fk_episodes_face_to_face_by_id_users")
        ),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name=op.f("fk_episodes_incident_id_incidents")),
        sa.ForeignKeyConstraint(["resident_id"], ["residents.id"], name=op.f("fk_episodes_resident_id_residents")),
        sa.ForeignKeyConstraint(["started_by_id"], ["users.id"], name=op.f("fk_episodes_started_by_id_users")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_episodes_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_episodes")),
        sa.UniqueConstraint("uid", name=op.f("uq_episodes_uid")),
    )
    with op.batch_alter_table("episodes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_episodes_incident_id"), ["incident_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_episodes_resident_id"), ["resident_id"], unique=False)
        batch_op.create_index("ix_episodes_running", ["ended_at", "started_at"], unique=False)
        batch_op.create_index("ix_episodes_unit_started", ["unit_id", "started_at"], unique=False)

    op.create_table(
        "incident_addenda",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_incident_addenda_author_id_users")),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_addenda_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_addenda")),
        sa.UniqueConstraint("uid", name=op.f("uq_incident_addenda_uid")),
    )
    with op.batch_alter_table("incident_addenda", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incident_addenda_incident_id"), ["incident_id"], unique=False)

    op.create_table(
        "incident_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name=op.f("fk_incident_steps_actor_id_users")),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_steps_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_steps")),
        sa.UniqueConstraint("uid", name=op.f("uq_incident_steps_uid")),
    )
    with op.batch_alter_table("incident_steps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incident_steps_incident_id"), ["incident_id"], unique=False)

    op.create_table(
        "episode_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("episode_id", sa.Integer(), nullable=False),
        sa.Column("at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=True),
        sa.Column("checks", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["by_id"], ["users.id"], name=op.f("fk_episode_checks_by_id_users")),
        sa.ForeignKeyConstraint(["episode_id"], ["episodes.id"], name=op.f("fk_episode_checks_episode_id_episodes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_episode_checks")),
        sa.UniqueConstraint("uid", name=op.f("uq_episode_checks_uid")),
    )
    with op.batch_alter_table("episode_checks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_episode_checks_episode_id"), ["episode_id"], unique=False)

    op.create_table(
        "episode_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("episode_id", sa.Integer(), nullable=False),
        sa.Column("ordered_by", sa.String(length=120), nullable=False),
        sa.Column("ordered_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("renewal", sa.Boolean(), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["entered_by_id"], ["users.id"], name=op.f("fk_episode_orders_entered_by_id_users")),
        sa.ForeignKeyConstraint(["episode_id"], ["episodes.id"], name=op.f("fk_episode_orders_episode_id_episodes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_episode_orders")),
        sa.UniqueConstraint("uid", name=op.f("uq_episode_orders_uid")),
    )
    with op.batch_alter_table("episode_orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_episode_orders_episode_id"), ["episode_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("episode_orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_episode_orders_episode_id"))

    op.drop_table("episode_orders")
    with op.batch_alter_table("episode_checks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_episode_checks_episode_id"))

    op.drop_table("episode_checks")
    with op.batch_alter_table("incident_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_steps_incident_id"))

    op.drop_table("incident_steps")
    with op.batch_alter_table("incident_addenda", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_addenda_incident_id"))

    op.drop_table("incident_addenda")
    with op.batch_alter_table("episodes", schema=None) as batch_op:
        batch_op.drop_index("ix_episodes_unit_started")
        batch_op.drop_index("ix_episodes_running")
        batch_op.drop_index(batch_op.f("ix_episodes_resident_id"))
        batch_op.drop_index(batch_op.f("ix_episodes_incident_id"))

    op.drop_table("episodes")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_unit_status")
        batch_op.drop_index("ix_incidents_unit_occurred")

    op.drop_table("incidents")
