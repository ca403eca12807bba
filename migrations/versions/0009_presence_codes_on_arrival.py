"""presence codes are made when a resident arrives: give residents already in care theirs

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

import secrets
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import facility.db

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """A room code for every occupied room and a wristband code for every resident in care that has none."""
    connection = op.get_bind()
    residents = connection.execute(
        sa.text("SELECT id, unit_id, room FROM residents WHERE discharged_at IS NULL ORDER BY unit_id, room, id")
    ).all()
    codes = connection.execute(
        sa.text("SELECT unit_id, kind, room, resident_id FROM presence_codes WHERE replaced_at IS NULL")
    ).all()
    rooms = {(c.unit_id, c.room) for c in codes if c.kind == "room"}
    bands = {(c.unit_id, c.resident_id) for c in codes if c.kind == "wristband"}
    now = datetime.now(UTC)
    insert = sa.table(
        "presence_codes",
        sa.column("token", sa.String),
        sa.column("unit_id", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("room", sa.String),
        sa.column("resident_id", sa.Integer),
        sa.column("created_at", facility.db.UTCDateTime(timezone=True)),
    ).insert()
    for resident in residents:
        if (resident.unit_id, resident.room) not in rooms:
            rooms.add((resident.unit_id, resident.room))
            connection.execute(
                insert,
                {
                    "token": secrets.token_urlsafe(12),
                    "unit_id": resident.unit_id,
                    "kind": "room",
                    "room": resident.room,
                    "resident_id": None,
                    "created_at": now,
                },
            )
        if (resident.unit_id, resident.id) not in bands:
            connection.execute(
                insert,
                {
                    "token": secrets.token_urlsafe(12),
                    "unit_id": resident.unit_id,
                    "kind": "wristband",
                    "room": resident.room,
                    "resident_id": resident.id,
                    "created_at": now,
                },
            )


def downgrade() -> None:
    """Codes made here stay: they may be printed and stuck on doors already."""
