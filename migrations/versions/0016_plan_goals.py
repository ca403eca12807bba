"""One goal table, owned by the treatment plan: care's goals and the plan's goals become rows of `goals`

Every goal set from the floor (care_goals) moves with its id, so every progress note's goal_ids still names it;
the plan's goals (clinical_plan_items of level goal) follow with new ids, and each plan version's content is made to
name them. Only projection tables change: the events are read, never written.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04
"""

from datetime import date

import sqlalchemy as sa
from alembic import op

import facility.db

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

PLAN_WRITTEN, PLAN_SIGNED = "plan.version_written", "plan.signed"

events = sa.table(
    "events",
    sa.column("id", sa.Integer()),
    sa.column("uid", sa.String()),
    sa.column("kind", sa.String()),
    sa.column("resident_id", sa.Integer()),
    sa.column("actor_id", sa.Integer()),
    sa.column("occurred_at", facility.db.UTCDateTime(timezone=True)),
    sa.column("data", sa.JSON()),
    sa.column("corrects_uid", sa.String()),
)
goals = sa.table(
    "goals",
    sa.column("id", sa.Integer()),
    sa.column("uid", sa.String()),
    sa.column("resident_id", sa.Integer()),
    sa.column("source", sa.String()),
    sa.column("plan_key", sa.String()),
    sa.column("text", sa.Text()),
    sa.column("target_date", sa.Date()),
    sa.column("set_by_id", sa.Integer()),
    sa.column("set_at", facility.db.UTCDateTime(timezone=True)),
    sa.column("active", sa.Boolean()),
)
care_goals = sa.table(
    "care_goals",
    sa.column("id", sa.Integer()),
    sa.column("uid", sa.String()),
    sa.column("resident_id", sa.Integer()),
    sa.column("text", sa.Text()),
    sa.column("target_date", sa.Date()),
    sa.column("set_by_id", sa.Integer()),
    sa.column("set_at", facility.db.UTCDateTime(timezone=True)),
    sa.column("voided", sa.Boolean()),
)
plan_items = sa.table(
    "clinical_plan_items",
    sa.column("id", sa.Integer()),
    sa.column("resident_id", sa.Integer()),
    sa.column("level", sa.String()),
    sa.column("key", sa.String()),
    sa.column("text", sa.Text()),
    sa.column("parent_key", sa.String()),
    sa.column("target_date", sa.Date()),
)
plans = sa.table(
    "clinical_plans",
    sa.column("id", sa.Integer()),
    sa.column("resident_id", sa.Integer()),
    sa.column("content", sa.JSON()),
)


def _day(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def _plan_goals(bind) -> dict[tuple[int, str], dict]:
    """The plan's goals as the log says they stand (facility/goals/rebuild.py folds the same way): a row from the
    first version naming its key, in force with the words of the last signed version naming it."""
    found: dict[tuple[int, str], dict] = {}
    versions: dict[str, tuple[int, list]] = {}
    rows = bind.execute(
        sa.select(
            events.c.uid,
            events.c.kind,
            events.c.resident_id,
            events.c.actor_id,
            events.c.occurred_at,
            events.c.data,
        )
        .where(events.c.kind.in_([PLAN_WRITTEN, PLAN_SIGNED]), events.c.corrects_uid.is_(None))
        .order_by(events.c.id)
    )
    for uid, kind, resident_id, actor_id, occurred_at, data in rows:
        if kind == PLAN_WRITTEN:
            versions[uid] = (resident_id, data.get("goals") or [])
            for item in data.get("goals") or []:
                found.setdefault(
                    (resident_id, item["key"]),
                    {
                        "uid": uid,
                        "resident_id": resident_id,
                        "source": "plan",
                        "plan_key": item["key"],
                        "text": item["text"],
                        "target_date": _day(item.get("target_date")),
                        "set_by_id": actor_id,
                        "set_at": occurred_at,
                        "active": False,
                    },
                )
            continue
        version = versions.get(str(data["plan_uid"]))
        if version is None:
            continue
        named = {item["key"]: item for item in version[1]}
        for (rid, key), row in found.items():
            if rid != version[0]:
                continue
            item = named.get(key)
            row["active"] = item is not None
            if item is not None:
                row.update(text=item["text"], target_date=_day(item.get("target_date")))
    return found


def _renumber_plan_content(bind, new_id_of: dict[tuple[int, str], int]) -> None:
    """Each version's goals name their rows of the table they now live in."""
    for plan_id, resident_id, content in list(
        bind.execute(sa.select(plans.c.id, plans.c.resident_id, plans.c.content))
    ):
        content = dict(content or {})
        content["goals"] = [
            {**goal, "id": new_id_of.get((resident_id, goal.get("key")), goal.get("id"))}
            for goal in content.get("goals") or []
        ]
        bind.execute(plans.update().where(plans.c.id == plan_id).values(content=content))


def _sequence_past_max(bind, table: str) -> None:
    """On PostgreSQL, rows inserted with their ids leave the id sequence behind: move it past them."""
    if bind.dialect.name == "postgresql":
        bind.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )
        )


def upgrade() -> None:
    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("plan_key", sa.String(length=40), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("set_by_id", sa.Integer(), nullable=False),
        sa.Column("set_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["resident_id"], ["residents.id"], name=op.f("fk_goals_resident_id_residents")),
        sa.ForeignKeyConstraint(["set_by_id"], ["users.id"], name=op.f("fk_goals_set_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goals")),
        sa.UniqueConstraint("resident_id", "plan_key", name="uq_goals_resident_plan_key"),
    )
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goals_uid"), ["uid"], unique=False)
        batch_op.create_index("ix_goals_resident_active", ["resident_id", "active"], unique=False)

    bind = op.get_bind()
    # Goals set from the floor keep their ids: the progress notes name them.
    floor = [
        {
            "id": row.id,
            "uid": row.uid,
            "resident_id": row.resident_id,
            "source": "floor",
            "plan_key": None,
            "text": row.text,
            "target_date": row.target_date,
            "set_by_id": row.set_by_id,
            "set_at": row.set_at,
            "active": not row.voided,
        }
        for row in bind.execute(sa.select(care_goals).order_by(care_goals.c.id))
    ]
    if floor:
        bind.execute(goals.insert(), floor)
    # The plan's goals follow, after them.
    next_id = max([row["id"] for row in floor], default=0) + 1
    new_id_of: dict[tuple[int, str], int] = {}
    planned = []
    for key, row in sorted(_plan_goals(bind).items(), key=lambda kv: (kv[1]["set_at"], kv[0])):
        new_id_of[key] = next_id
        planned.append({"id": next_id, **row})
        next_id += 1
    if planned:
        bind.execute(goals.insert(), planned)
    _sequence_past_max(bind, "goals")
    _renumber_plan_content(bind, new_id_of)
    bind.execute(plan_items.delete().where(plan_items.c.level == "goal"))

    with op.batch_alter_table("care_goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_care_goals_resident_id"))
    op.drop_table("care_goals")


def downgrade() -> None:
    op.create_table(
        "care_goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("set_by_id", sa.Integer(), nullable=False),
        sa.Column("set_at", facility.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["resident_id"], ["residents.id"], name=op.f("fk_care_goals_resident_id_residents")),
        sa.ForeignKeyConstraint(["set_by_id"], ["users.id"], name=op.f("fk_care_goals_set_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_goals")),
        sa.UniqueConstraint("uid", name=op.f("uq_care_goals_uid")),
    )
    with op.batch_alter_table("care_goals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_care_goals_resident_id"), ["resident_id"], unique=False)

    bind = op.get_bind()
    rows = list(bind.execute(sa.select(goals).order_by(goals.c.id)))
    floor = [
        {
            "id": row.id,
            "uid": row.uid,
            "resident_id": row.resident_id,
            "text": row.text,
            "target_date": row.target_date,
            "set_by_id": row.set_by_id,
            "set_at": row.set_at,
            "voided": not row.active,
        }
        for row in rows
        if row.source == "floor"
    ]
    if floor:
        bind.execute(care_goals.insert(), floor)
    _sequence_past_max(bind, "care_goals")
    # The plan's goals go back among its items, with ids after the objectives'.
    next_id = (bind.execute(sa.select(sa.func.max(plan_items.c.id))).scalar() or 0) + 1
    new_id_of: dict[tuple[int, str], int] = {}
    for row in rows:
        if row.source != "plan":
            continue
        new_id_of[(row.resident_id, row.plan_key)] = next_id
        bind.execute(
            plan_items.insert().values(
                id=next_id,
                resident_id=row.resident_id,
                level="goal",
                key=row.plan_key,
                text=row.text,
                parent_key=None,
                target_date=row.target_date,
            )
        )
        next_id += 1
    _sequence_past_max(bind, "clinical_plan_items")
    _renumber_plan_content(bind, new_id_of)

    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_index("ix_goals_resident_active")
        batch_op.drop_index(batch_op.f("ix_goals_uid"))
    op.drop_table("goals")
