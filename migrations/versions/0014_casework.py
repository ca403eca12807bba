"""case management: primary case managers, needs assessments, the resource directory, referrals and their steps

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04

All of case management's tables are in this one revision; they stand alone (a merge may re-chain it after 0012).
"""

import sqlalchemy as sa
from alembic import op

import facility.db

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "casework_resources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("service_types", sa.JSON(), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("added_by_id", sa.Integer(), nullable=False),
        sa.Column("added_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("body_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["added_by_id"], ["users.id"], name=op.f("fk_casework_resources_added_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_casework_resources")),
        sa.UniqueConstraint("uid", name=op.f("uq_casework_resources_uid")),
    )
    with op.batch_alter_table("casework_resources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_casework_resources_name_key"), ["name_key"], unique=False)

    op.create_table(
        "casework_case_managers",
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("assigned_by_id", sa.Integer(), nullable=False),
        sa.Column("assigned_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assigned_by_id"], ["users.id"], name=op.f("fk_casework_case_managers_assigned_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_casework_case_managers_resident_id_residents")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_casework_case_managers_user_id_users")),
        sa.PrimaryKeyConstraint("resident_id", name=op.f("pk_casework_case_managers")),
    )
    with op.batch_alter_table("casework_case_managers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_casework_case_managers_user_id"), ["user_id"], unique=False)

    op.create_table(
        "casework_needs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("rater", sa.String(length=10), nullable=False),
        sa.Column("ratings", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("assessed_by_id", sa.Integer(), nullable=False),
        sa.Column("assessed_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["assessed_by_id"], ["users.id"], name=op.f("fk_casework_needs_assessed_by_id_users")),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_casework_needs_resident_id_residents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_casework_needs")),
        sa.UniqueConstraint("uid", name=op.f("uq_casework_needs_uid")),
    )
    with op.batch_alter_table("casework_needs", schema=None) as batch_op:
        batch_op.create_index("ix_casework_needs_resident_assessed", ["resident_id", "assessed_at"], unique=False)

    op.create_table(
        "casework_referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("need", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("consent_uid", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("made_by_id", sa.Integer(), nullable=False),
        sa.Column("made_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("answered_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["made_by_id"], ["users.id"], name=op.f("fk_casework_referrals_made_by_id_users")),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_casework_referrals_resident_id_residents")
        ),
        sa.ForeignKeyConstraint(
            ["resource_id"],
            ["casework_resources.id"],
            name=op.f("fk_casework_referrals_resource_id_casework_resources"),
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_casework_referrals_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_casework_referrals")),
        sa.UniqueConstraint("uid", name=op.f("uq_casework_referrals_uid")),
    )
    with op.batch_alter_table("casework_referrals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_casework_referrals_resident_id"), ["resident_id"], unique=False)
        batch_op.create_index("ix_casework_referrals_status_sent", ["status", "sent_at"], unique=False)

    op.create_table(
        "casework_referral_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name=op.f("fk_casework_referral_steps_actor_id_users")),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["casework_referrals.id"],
            name=op.f("fk_casework_referral_steps_referral_id_casework_referrals"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_casework_referral_steps")),
        sa.UniqueConstraint("uid", name=op.f("uq_casework_referral_steps_uid")),
    )
    with op.batch_alter_table("casework_referral_steps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_casework_referral_steps_referral_id"), ["referral_id"], unique=False)

    op.create_table(
        "casework_appointments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("provider", sa.String(length=200), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("escort_needed", sa.Boolean(), nullable=False),
        sa.Column("transport_needed", sa.Boolean(), nullable=False),
        sa.Column("booked_by_id", sa.Integer(), nullable=False),
        sa.Column("booked_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["booked_by_id"], ["users.id"], name=op.f("fk_casework_appointments_booked_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_casework_appointments_resident_id_residents")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_casework_appointments_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_casework_appointments")),
        sa.UniqueConstraint("uid", name=op.f("uq_casework_appointments_uid")),
    )
    with op.batch_alter_table("casework_appointments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_casework_appointments_resident_id"), ["resident_id"], unique=False)
        batch_op.create_index("ix_casework_appointments_unit_starts", ["unit_id", "starts_at"], unique=False)

    op.create_table(
        "casework_discharge_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("destination", sa.String(length=300), nullable=False),
        sa.Column("aftercare_provider", sa.String(length=200), nullable=True),
        sa.Column("aftercare_starts_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("checklist", sa.JSON(), nullable=False),
        sa.Column("revised_by_id", sa.Integer(), nullable=False),
        sa.Column("revised_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_casework_discharge_plans_resident_id_residents")
        ),
        sa.ForeignKeyConstraint(
            ["revised_by_id"], ["users.id"], name=op.f("fk_casework_discharge_plans_revised_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_casework_discharge_plans")),
        sa.UniqueConstraint("uid", name=op.f("uq_casework_discharge_plans_uid")),
    )
    with op.batch_alter_table("casework_discharge_plans", schema=None) as batch_op:
        batch_op.create_index(
            "ix_casework_discharge_plans_resident_revision", ["resident_id", "revision"], unique=False
        )

    op.create_table(
        "casework_follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["users.id"], name=op.f("fk_casework_follow_ups_recorded_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["residents.id"], name=op.f("fk_casework_follow_ups_resident_id_residents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_casework_follow_ups")),
        sa.UniqueConstraint("uid", name=op.f("uq_casework_follow_ups_uid")),
    )
    with op.batch_alter_table("casework_follow_ups", schema=None) as batch_op:
        batch_op.create_index("ix_casework_follow_ups_resident_occurred", ["resident_id", "occurred_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("casework_follow_ups", schema=None) as batch_op:
        batch_op.drop_index("ix_casework_follow_ups_resident_occurred")

    op.drop_table("casework_follow_ups")
    with op.batch_alter_table("casework_discharge_plans", schema=None) as batch_op:
        batch_op.drop_index("ix_casework_discharge_plans_resident_revision")

    op.drop_table("casework_discharge_plans")
    with op.batch_alter_table("casework_appointments", schema=None) as batch_op:
        batch_op.drop_index("ix_casework_appointments_unit_starts")
        batch_op.drop_index(batch_op.f("ix_casework_appointments_resident_id"))

    op.drop_table("casework_appointments")
    with op.batch_alter_table("casework_referral_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_casework_referral_steps_referral_id"))

    op.drop_table("casework_referral_steps")
    with op.batch_alter_table("casework_referrals", schema=None) as batch_op:
        batch_op.drop_index("ix_casework_referrals_status_sent")
        batch_op.drop_index(batch_op.f("ix_casework_referrals_resident_id"))

    op.drop_table("casework_referrals")
    with op.batch_alter_table("casework_needs", schema=None) as batch_op:
        batch_op.drop_index("ix_casework_needs_resident_assessed")

    op.drop_table("casework_needs")
    with op.batch_alter_table("casework_case_managers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_casework_case_managers_user_id"))

    op.drop_table("casework_case_managers")
    with op.batch_alter_table("casework_resources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_casework_resources_name_key"))

    op.drop_table("casework_resources")
