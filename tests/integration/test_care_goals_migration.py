"""The migration to one goal table: every goal care kept moves with its id, so every progress note still names
its goals; the plan's goals follow under new ids that each version names; the events say the same as the table."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import sqlalchemy as sa
from alembic import command
from sqlalchemy import create_engine

import facility.db
from facility.migrate import alembic_config
from tests.conftest import new_uid

events = sa.table(
    "events",
    sa.column("uid", sa.String()),
    sa.column("kind", sa.String()),
    sa.column("unit_id", sa.Integer()),
    sa.column("resident_id", sa.Integer()),
    sa.column("actor_id", sa.Integer()),
    sa.column("occurred_at", facility.db.UTCDateTime(timezone=True)),
    sa.column("recorded_at", facility.db.UTCDateTime(timezone=True)),
    sa.column("late_entry", sa.Boolean()),
    sa.column("data", sa.JSON()),
    sa.column("body_hash", sa.String()),
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


def _event(connection, kind, resident, actor_id, at, data):
    uid = new_uid()
    connection.execute(
        events.insert().values(
            uid=uid,
            kind=kind,
            unit_id=resident.unit_id,
            resident_id=resident.id,
            actor_id=actor_id,
            occurred_at=at,
            recorded_at=at,
            late_entry=False,
            data=data,
            body_hash=hashlib.sha256(uid.encode()).hexdigest(),
        )
    )
    return uid


def test_every_care_goal_moves_with_its_id_and_every_note_keeps_its_links(demo, database_url, login, clock):
    engine = create_engine(database_url)
    with engine.connect() as connection:
        plan_goal_keys = {
            (rid, goal["key"])
            for rid, content in connection.execute(sa.text("SELECT resident_id, content FROM clinical_plans"))
            for goal in (content if isinstance(content, dict) else json.loads(content))["goals"]
        }
    assert plan_goal_keys, "the demo has treatment plans"

    config = alembic_config(database_url)
    command.downgrade(config, "0015")  # care's goal table and the plan's items, as they were

    with engine.begin() as connection:
        old = {row.id: row for row in connection.execute(sa.select(care_goals))}
        assert old, "the demo's goals are back in care_goals"
        plan_item_ids = set(connection.scalars(sa.text("SELECT id FROM clinical_plan_items WHERE level = 'goal'")))
        # A care goal whose id is one a plan goal has too: care's id is the one the notes name, so it must stay.
        clash = min(plan_item_ids - set(old))
        resident = connection.execute(sa.text("SELECT id, unit_id FROM residents WHERE id = 4")).one()
        nurse = connection.scalar(sa.text("SELECT id FROM users WHERE username = 'nurse1'"))
        worker = connection.scalar(sa.text("SELECT id FROM users WHERE username = 'worker1'"))
        at = clock.now - timedelta(minutes=5)
        added = {}
        for goal_id, text in ((clash, "Phone my sister on Sundays"), (max(old) + 50, "Walk the courtyard daily")):
            uid = _event(connection, "goal.set", resident, nurse, at, {"text": text, "target_date": None})
            connection.execute(
                care_goals.insert().values(
                    id=goal_id, uid=uid, resident_id=4, text=text, set_by_id=nurse, set_at=at, voided=False
                )
            )
            added[goal_id] = text
        data = {"text": "Rang her sister, walked twice", "mood": "calm", "engagement": "full"}
        _event(connection, "note.written", resident, worker, at, {**data, "goal_ids": sorted(added)})
    engine.dispose()

    command.upgrade(config, "head")

    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = {row.id: row for row in connection.execute(sa.text("SELECT * FROM goals"))}
    engine.dispose()
    for goal_id, row in old.items():
        assert (rows[goal_id].uid, rows[goal_id].text, rows[goal_id].source) == (row.uid, row.text, "floor")
    assert {goal_id: rows[goal_id].text for goal_id in added} == added
    assert {(row.resident_id, row.plan_key) for row in rows.values() if row.source == "plan"} == plan_goal_keys

    nurse_client = login("nurse1")
    goals = {g["id"]: g for g in nurse_client.get("/api/v1/residents/4/goals").get_json()}
    for goal_id, text in added.items():
        assert goals[goal_id]["text"] == text and not goals[goal_id]["from_plan"]
        assert [n["text"] for n in goals[goal_id]["notes"]] == ["Rang her sister, walked twice"]
    for rid in {rid for rid, _key in plan_goal_keys}:
        plan = nurse_client.get(f"/api/v1/residents/{rid}/plan").get_json()
        shown = {g["id"]: g for g in nurse_client.get(f"/api/v1/residents/{rid}/goals").get_json()}
        for goal in plan["goals"]:
            assert shown[goal["id"]]["from_plan"] and shown[goal["id"]]["text"] == goal["text"]
    # The demo's own note still names its goal.
    noted = {
        g["id"]
        for rid in {row.resident_id for row in old.values()}
        for g in nurse_client.get(f"/api/v1/residents/{rid}/goals").get_json()
        if g["notes"]
    }
    assert noted & set(old)
    result = demo.test_cli_runner().invoke(args=["facility", "verify"])
    assert result.exit_code == 0, result.output
