"""Keeping the goal table in step with the records that decide it, and reading it.

A floor goal follows its `goal.set` event in force (a voided one takes no more notes). A plan goal is a row from the
first version that names its key; it takes notes while a signed version in force names it, with that version's
words and target date; a draft's goals wait for its signature, and a goal a later signed version drops rests.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.goals import FLOOR, PLAN
from facility.goals.models import Goal
from facility.records.log import corrections_of, effective_data
from facility.records.models import Event


def day(value: Any) -> date | None:
    """A target date as events hold it (an ISO string) or as a date."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def project_floor_goal(session: Session, uid: str) -> Goal:
    """The row of a goal.set event, as its data in force says; voided, it takes no more notes."""
    event = session.scalar(select(Event).where(Event.uid == str(uid)))
    data = effective_data(event, corrections_of(session, [event.uid]).get(event.uid, []))
    goal = session.scalar(select(Goal).where(Goal.uid == event.uid, Goal.source == FLOOR))
    if goal is None:
        goal = Goal(
            uid=event.uid,
            resident_id=event.resident_id,
            source=FLOOR,
            set_by_id=event.actor_id,
            set_at=event.occurred_at,
        )
        session.add(goal)
    goal.active = data is not None
    data = data or event.data
    goal.text, goal.target_date = data["text"], day(data.get("target_date"))
    session.flush()
    return goal


def name_plan_goals(
    session: Session, resident_id: int, version_uid: str, author_id: int, at: datetime, goals: Iterable[dict]
) -> dict[str, int]:
    """The lasting id of each goal a new version names (key → id): a new key is a new row, waiting for a signature."""
    ids: dict[str, int] = {}
    for item in goals:
        row = session.scalar(select(Goal).where(Goal.resident_id == resident_id, Goal.plan_key == item["key"]))
        if row is None:
            row = Goal(
                uid=version_uid,
                resident_id=resident_id,
                source=PLAN,
                plan_key=item["key"],
                text=item["text"],
                target_date=day(item.get("target_date")),
                set_by_id=author_id,
                set_at=at,
                active=False,
            )
            session.add(row)
            session.flush()
        ids[item["key"]] = row.id
    return ids


def put_in_force(session: Session, resident_id: int, goals: Iterable[dict]) -> None:
    """A signed version is in force: its goals take notes, in its words; the plan's other goals rest."""
    named = {item["key"]: item for item in goals}
    for row in session.scalars(select(Goal).where(Goal.resident_id == resident_id, Goal.source == PLAN)):
        item = named.get(row.plan_key)
        row.active = item is not None
        if item is not None:
            row.text, row.target_date = item["text"], day(item.get("target_date"))
    session.flush()


def active_ids(session: Session, resident_id: int, ids: Iterable[int]) -> set[int]:
    """Which of ids are goals of the resident that take notes now."""
    ids = list(ids)
    if not ids:
        return set()
    return set(
        session.scalars(select(Goal.id).where(Goal.id.in_(ids), Goal.resident_id == resident_id, Goal.active.is_(True)))
    )


def active_goals(session: Session, resident_id: int) -> list[Goal]:
    """The resident's goals that take notes: the plan's in force and those set from the floor, oldest first."""
    return list(
        session.scalars(select(Goal).where(Goal.resident_id == resident_id, Goal.active.is_(True)).order_by(Goal.id))
    )
