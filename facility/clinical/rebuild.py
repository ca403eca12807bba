"""The clinical projections folded again from the log alone, as `handlers.py` and `plans.py` keep them (`verify`).

A process note is not here: it is never in an event (it is kept apart from the record, read by its author alone),
so its row is the record itself. Everything else is: each administration as scored, each session note with its
residents and signatures, each version of a treatment plan and its signature, and the one goal table the plan
owns (folded in `facility/goals/rebuild.py`, floor goals and the plan's). A voided administration or session note
has no row; a voided draft plan is marked withdrawn.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facility.clinical.codes import ASSESSED, COSIGNED, PLAN_SIGNED, PLAN_WRITTEN, SESSION, SIGNED
from facility.clinical.models import Assessment, PlanItem, SessionResident, TherapySession, TreatmentPlan
from facility.domain import ProjectedTable, Projection
from facility.goals.models import Goal
from facility.goals.rebuild import GOALS, fold
from facility.records.models import Event
from facility.records.verify import Log, instant

ASSESSMENTS = ProjectedTable(
    Assessment,
    ("uid",),
    (
        "resident_id",
        "unit_id",
        "instrument",
        "version",
        "occurred_at",
        "administered_by_id",
        "informant",
        "answers",
        "status",
        "total",
        "band",
        "critical_items",
        "incomplete_reason",
    ),
)
SESSIONS = ProjectedTable(
    TherapySession,
    ("uid",),
    (
        "unit_id",
        "author_id",
        "kind",
        "modality",
        "started_at",
        "ended_at",
        "summary",
        "risk",
        "objective_ids",
        "signed_at",
        "cosigned_at",
        "cosigned_by_id",
    ),
)
SESSION_RESIDENTS = ProjectedTable(SessionResident, ("session_id", "resident_id"), ())
PLANS = ProjectedTable(
    TreatmentPlan,
    ("uid",),
    (
        "resident_id",
        "unit_id",
        "version",
        "author_id",
        "written_at",
        "review_days",
        "content",
        "signed_at",
        "participation",
        "sign_note",
        "voided",
    ),
)


def _assessments(log: Log) -> dict[tuple, dict[str, Any]]:
    rows = {}
    for record in log.of(ASSESSED):
        data = record.data
        if data is None:
            continue  # voided: never given
        rows[(record.uid,)] = {
            "resident_id": record.resident_id,
            "unit_id": record.unit_id,
            "instrument": data["instrument"],
            "version": data.get("version") or "",
            "occurred_at": record.occurred_at,
            "administered_by_id": record.actor_id,
            "informant": data.get("informant") or "resident",
            "answers": dict(data.get("answers") or {}),
            "status": data["status"],
            "total": data.get("total"),
            "band": data.get("band"),
            "critical_items": list(data.get("critical_items") or []),
            "incomplete_reason": data.get("incomplete_reason"),
        }
    return rows


def _sessions(session: Session, log: Log) -> tuple[dict[tuple, dict[str, Any]], dict[tuple, dict[str, Any]]]:
    """Each session note with its signatures, and the residents seen (named by the session row's id).

    An amendment of a note a supervisor had to co-sign asks for their co-signature again: a co-signature counts
    only when stored after the note's last correction (whether the author needed one is the author's flag when the
    note was stored, kept on the row: no event carries it).
    """
    notes: dict[tuple, dict[str, Any]] = {}
    seen: dict[tuple, dict[str, Any]] = {}
    rows = {
        uid: (row_id, needs)
        for uid, row_id, needs in session.execute(
            select(TherapySession.uid, TherapySession.id, TherapySession.needs_cosign)
        )
    }
    corrected = dict(
        session.execute(
            select(Event.corrects_uid, func.max(Event.id))
            .where(Event.corrects_uid.in_([r.uid for r in log.of(SESSION)]))
            .group_by(Event.corrects_uid)
        ).all()
    )
    for record in log.of(SESSION):
        data = record.data
        if data is None:
            continue  # voided: the note and its residents go
        notes[(record.uid,)] = {
            "unit_id": record.unit_id,
            "author_id": record.actor_id,
            "kind": data["kind"],
            "modality": data["modality"],
            "started_at": instant(data["started_at"]),
            "ended_at": instant(data["ended_at"]),
            "summary": data["summary"],
            "risk": data["risk"],
            "objective_ids": list(data.get("objective_ids") or []),
            "signed_at": None,
            "cosigned_at": None,
            "cosigned_by_id": None,
        }
        for rid in data["resident_ids"]:
            seen[(rows.get(record.uid, (None, False))[0], rid)] = {}
    for record in log.of(SIGNED, COSIGNED):
        data = record.data or record.original
        note = notes.get((str(data["session_uid"]),))
        if note is None:
            continue
        session_uid = str(data["session_uid"])
        if record.kind == SIGNED:
            note["signed_at"] = record.occurred_at
        elif not (rows.get(session_uid, (None, False))[1] and corrected.get(session_uid, 0) > record.id):
            note.update(cosigned_at=record.occurred_at, cosigned_by_id=record.actor_id)
    return notes, seen


def _plans(session: Session, log: Log) -> dict[tuple, dict[str, Any]]:
    """Each version numbered in its resident's order, its content with the lasting ids of its goals and objectives."""
    items = {(r.resident_id, r.level, r.key): r.id for r in session.scalars(select(PlanItem))}
    items |= {
        (resident_id, "goal", key): goal_id
        for resident_id, key, goal_id in session.execute(
            select(Goal.resident_id, Goal.plan_key, Goal.id).where(Goal.plan_key.is_not(None))
        )
    }
    plans: dict[tuple, dict[str, Any]] = {}
    versions: dict[int, int] = {}
    for record in log.of(PLAN_WRITTEN):
        data = record.data or record.original
        versions[record.resident_id] = versions.get(record.resident_id, 0) + 1

        def lasting(level: str, part: str, rid: int = record.resident_id, data: dict = data) -> list[dict]:
            return [{"id": items.get((rid, level, item["key"])), **item} for item in data.get(part) or []]

        plans[(record.uid,)] = {
            "resident_id": record.resident_id,
            "unit_id": record.unit_id,
            "version": versions[record.resident_id],
            "author_id": record.actor_id,
            "written_at": record.occurred_at,
            "review_days": int(data.get("review_days") or 30),
            "content": {
                "problems": data.get("problems") or [],
                "goals": lasting("goal", "goals"),
                "objectives": lasting("objective", "objectives"),
                "interventions": data.get("interventions") or [],
            },
            "signed_at": None,
            "participation": None,
            "sign_note": None,
            "voided": record.voided,
        }
    for record in log.of(PLAN_SIGNED):
        data = record.data or record.original
        plan = plans.get((str(data["plan_uid"]),))
        if plan is not None:
            plan.update(
                signed_at=record.occurred_at,
                participation=data["resident_participation"],
                sign_note=data.get("note"),
            )
    return plans


def rebuild(session: Session, log: Log) -> dict[str, dict[tuple, dict[str, Any]]]:
    """Every clinical row but the process notes, as the events alone say it should stand."""
    notes, seen = _sessions(session, log)
    return {
        **fold(log, PLAN_WRITTEN, PLAN_SIGNED),
        ASSESSMENTS.name: _assessments(log),
        SESSIONS.name: notes,
        SESSION_RESIDENTS.name: seen,
        PLANS.name: _plans(session, log),
    }


PROJECTION = Projection((GOALS, ASSESSMENTS, SESSIONS, SESSION_RESIDENTS, PLANS), rebuild)
