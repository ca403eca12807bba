"""FHIR bulk export: jobs and their NDJSON files

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

import facility.db

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fhir_export_jobs",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("requester", sa.String(length=80), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("unit_ids", sa.JSON(), nullable=False),
        sa.Column("types", sa.JSON(), nullable=False),
        sa.Column("since", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("request_url", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("progress", sa.String(length=120), nullable=False),
        sa.Column("transaction_time", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", facility.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fhir_export_jobs")),
    )
    op.create_table(
        "fhir_export_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.String(length=32), nullable=False),
        sa.Column("resource_type", sa.String(length=40), nullable=False),
        sa.Column("part", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["fhir_export_jobs.id"],
            name=op.f("fk_fhir_export_files_job_id_fhir_export_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fhir_export_files")),
        sa.UniqueConstraint("job_id", "resource_type", "part", name=op.f("uq_fhir_export_files_job_id")),
    )
    with op.batch_alter_table("fhir_export_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fhir_export_files_job_id"), ["job_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("fhir_export_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fhir_export_files_job_id"))
    op.drop_table("fhir_export_files")
    op.drop_table("fhir_export_jobs")
