"""The treatment plan: problems → goals (in the resident's words) → measurable objectives → interventions.

Versions are append-only: each is written whole, as a draft, and is in force once its author signs it with the
resident's participation; the last signed version is the plan in force, reviewed every `review_days`.
Goals and objectives keep their ids across versions while their keys are kept, so what names them (a session's
objectives addressed) still names them in the next version.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facility.actors import Actor
from facility.auth.services import staff_names
from facility.census.models import Resident
from facility.census.scope import resident_for
from facility.census.writes import record_about_resident
from facility.clinical.codes import PLAN_SIGNED, PLAN_WRITTEN
from facility.clinical.models import PlanItem, TreatmentPlan
from facility.db import locked
from facility.errors import Conflict, Forbidden, Invalid, NotFound
from facility.goals.store import name_plan_goals
from facility.permissions import require
from facility.records.audit import record_access
from facility.records.log import NewEvent, find_replay
from facility.records.services import record

WRITE = "clinical.plan.write"
PARTS = ("problems", "goals", "objectives", "interventions", "review_days")


def _check_links(cmd: dict[str, Any]) -> None:
    """Keys once each; every goal names a problem, every objective a goal, every intervention an objective."""
    for part in ("problems", "goals", "objectives"):
        keys = [item["key"] for item in cmd.get(part) or []]
        if len(set(keys)) != len(keys):
            raise Invalid.field(part, "each key once")
    links = (
        ("goals", "problem", "problems"),
        ("objectives", "goal", "goals"),
        ("interventions", "objective", "objectives"),
    )
    for part, name, parent in links:
        known = {item["key"] for item in cmd.get(parent) or []}
        unknown = sorted({item[name] for item in cmd.get(part) or []} - known)
        if unknown:
            raise Invalid.field(part, f"{name} {', '.join(unknown)} is not a key of the plan's {parent}")


def write_version(session: Session, actor: Actor, cmd: dict[str, Any], now: datetime) -> tuple[TreatmentPlan, bool]:
    """A new version of cmd's resident's plan, a draft (clinician)."""

    def data_for(_resident: Resident) -> dict[str, Any]:
        _check_links(cmd)
        return {name: cmd.get(name) for name in PARTS}

    event, is_new = record_about_resident(session, actor, cmd, PLAN_WRITTEN, WRITE, data_for, now)
    return session.scalar(select(TreatmentPlan).where(TreatmentPlan.uid == event.uid)), is_new


def project_version(session: Session, record: Any) -> TreatmentPlan:
    """The version's row, its goals in the one goal table and its objectives, each with its lasting id."""
    data = record.data
    goal_ids = name_plan_goals(
        session, record.resident_id, record.uid, record.actor_id, record.occurred_at, data.get("goals") or []
    )
    ids: dict[tuple[str, str], int] = {("goal", key): goal_id for key, goal_id in goal_ids.items()}
    for item in data.get("objectives") or []:
        row = session.scalar(
            select(PlanItem).where(
                PlanItem.resident_id == record.resident_id, PlanItem.level == "objective", PlanItem.key == item["key"]
            )
        )
        if row is None:
            row = PlanItem(resident_id=record.resident_id, level="objective", key=item["key"])
            session.add(row)
        row.text, row.parent_key = item["text"], item.get("goal")
        target = item.get("target_date")
        row.target_date = date.fromisoformat(target) if isinstance(target, str) else target
        session.flush()
        ids[("objective", item["key"])] = row.id
    content = {
        "problems": data.get("problems") or [],
        "goals": [{"id": ids[("goal", g["key"])], **g} for g in data.get("goals") or []],
        "objectives": [{"id": ids[("objective", o["key"])], **o} for o in data.get("objectives") or []],
        "interventions": data.get("interventions") or [],
    }
    version = (
        session.scalar(select(func.max(TreatmentPlan.version)).where(TreatmentPlan.resident_id == record.resident_id))
        or 0
    ) + 1
    plan = TreatmentPlan(
        uid=record.uid,
        resident_id=record.resident_id,
        unit_id=record.unit_id,
        version=version,
        author_id=record.actor_id,
        written_at=record.occurred_at,
        review_days=int(data.get("review_days") or 30),
        content=content,
    )
    session.add(plan)
    session.flush()
    return plan


def sign(session: Session, actor: Actor, plan_id: int, cmd: dict[str, Any], now: datetime) -> TreatmentPlan:
    """Its author signs a draft with the resident's participation; it becomes the plan in force."""
    require(actor, WRITE)
    plan = locked(session, TreatmentPlan, plan_id)  # signing and withdrawing the same draft at once: one wins
    if plan is None or plan.unit_id not in actor.unit_ids:
        raise NotFound("no such plan")
    if find_replay(session, cmd["uid"], {"plan_id": plan_id, **cmd}, PLAN_SIGNED) is not None:
        return plan
    if plan.author_id != actor.id:
        raise Forbidden("only the clinician who wrote this version signs it")
    if plan.voided:
        raise Conflict("this draft was withdrawn; write a new version")
    if plan.signed_at is not None:
        raise Conflict("this version is signed already; write a new version to change the plan")
    later = session.scalar(
        select(func.count())
        .select_from(TreatmentPlan)
        .where(
            TreatmentPlan.resident_id == plan.resident_id,
            TreatmentPlan.version > plan.version,
            TreatmentPlan.signed_at.is_not(None),
        )
    )
    if later:
        raise Conflict("a later version is in force already")
    data = {
        "plan_uid": plan.uid,
        "resident_participation": cmd["resident_participation"],
        "note": cmd.get("note"),
    }
    body = {"plan_id": plan_id, **cmd}
    record(session, actor, NewEvent(PLAN_SIGNED, cmd["uid"], plan.unit_id, plan.resident_id, now, data, body), now)
    return plan


def in_force(session: Session, resident_id: int) -> TreatmentPlan | None:
    """The last signed version of the resident's plan."""
    return session.scalar(
        select(TreatmentPlan)
        .where(TreatmentPlan.resident_id == resident_id, TreatmentPlan.signed_at.is_not(None))
        .order_by(TreatmentPlan.version.desc())
        .limit(1)
    )


def latest(session: Session, resident_id: int) -> TreatmentPlan | None:
    """The resident's latest version, signed or not (a withdrawn draft aside)."""
    return session.scalar(
        select(TreatmentPlan)
        .where(TreatmentPlan.resident_id == resident_id, TreatmentPlan.voided.is_(False))
        .order_by(TreatmentPlan.version.desc())
        .limit(1)
    )


def next_review_due(plan: TreatmentPlan) -> datetime | None:
    return plan.signed_at + timedelta(days=plan.review_days) if plan.signed_at else None


def plan_view(session: Session, plan: TreatmentPlan) -> dict[str, Any]:
    """A version with its status (draft, in force, superseded), its review and the ids of the other versions."""
    current = in_force(session, plan.resident_id)
    versions = list(
        session.execute(
            select(TreatmentPlan.id, TreatmentPlan.version, TreatmentPlan.signed_at).where(
                TreatmentPlan.resident_id == plan.resident_id, TreatmentPlan.voided.is_(False)
            )
        )
    )
    if plan.voided:
        status = "withdrawn"
    elif plan.signed_at is None:
        status = "draft"
    else:
        status = "in_force" if current is not None and current.id == plan.id else "superseded"
    return {
        "id": plan.id,
        "uid": plan.uid,
        "resident_id": plan.resident_id,
        "version": plan.version,
        "status": status,
        "author": staff_names(session, {plan.author_id}).get(plan.author_id),
        "written_at": plan.written_at,
        "review_days": plan.review_days,
        **plan.content,
        "signed_at": plan.signed_at,
        "resident_participation": plan.participation,
        "next_review_due": next_review_due(plan),
        "earlier_versions": sorted(i for i, v, s in versions if v < plan.version and s is not None),
        "drafts": sorted(i for i, v, s in versions if s is None and i != plan.id),
    }


def plan_of(session: Session, actor: Actor, resident_id: int) -> dict[str, Any]:
    """GET /residents/{id}/plan: the plan in force (audited); NotFound while no version is signed."""
    resident = resident_for(session, actor, resident_id)
    record_access(session, actor.id, "read:plan", target=f"resident:{resident.id}", resident_id=resident.id)
    plan = in_force(session, resident.id)
    if plan is None:
        raise NotFound("no treatment plan is in force for this resident yet")
    return plan_view(session, plan)


def objective_ids_of(session: Session, resident_ids: list[int]) -> set[int]:
    """The ids of the objectives of the plans in force of these residents."""
    found: set[int] = set()
    for rid in resident_ids:
        plan = in_force(session, rid)
        if plan is not None:
            found |= {o["id"] for o in plan.content.get("objectives") or []}
    return found


def may_correct(session: Session, actor: Actor, original: Any, amending: bool) -> None:
    """A version is never amended (a change is a new version, written whole); its author may void a draft written
    in error (on the wrong resident, say), never a signed version: what was in force stays on the record."""
    require(actor, WRITE)
    if original.actor_id != actor.id:
        raise Forbidden("only the clinician who wrote this version withdraws it")
    if amending:
        raise Conflict("a plan is changed by a new version, written whole, not amended")
    plan = session.scalar(
        select(TreatmentPlan)
        .where(TreatmentPlan.uid == str(original.uid))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if plan is not None and plan.signed_at is not None:
        raise Conflict("a signed version stands on the record; write a new version to change the plan")
