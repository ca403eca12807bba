"""Demo clinical work on North: clinician1's PHQ-9 and GAD-7 histories that show a trend for a few residents, a
treatment plan in force for several, and a few session notes (one still to sign).

The demo's residents arrived shortly before it loads and nothing is recorded before an admission, so each history
is spread over the stay so far. No answer to PHQ-9 item 9 is positive and no risk is above low: the demo opens
without a safety alarm.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.census.models import Resident, Unit
from facility.clinical import plans, sessions
from facility.clinical.services import administer

# (resident's place on North, instrument, totals oldest first): improving, worsening, easing, steady.
HISTORIES = [
    (0, "phq9", (19, 15, 12)),
    (0, "gad7", (14, 11, 9)),
    (5, "phq9", (14, 17, 21)),
    (8, "gad7", (16, 12, 8)),
    (11, "phq9", (9, 8)),
]
ITEMS = {"phq9": 9, "gad7": 7}
LEAVE_OUT = {"phq9": 9}  # item 9 stays 0 in the demo


def answers_for(instrument: str, total: int) -> dict[str, int]:
    """Answers of 0–3 summing to total, spread over the items (the item left out of the demo's alarm stays 0)."""
    items = [n for n in range(1, ITEMS[instrument] + 1) if n != LEAVE_OUT.get(instrument)]
    answers = {str(n): 0 for n in range(1, ITEMS[instrument] + 1)}
    left = total
    while left:
        for n in items:
            if left and answers[str(n)] < 3:
                answers[str(n)] += 1
                left -= 1
    return answers


# (resident's place on North, the problem, the goal in the resident's words, an objective, its interventions)
PLANS = [
    (
        0,
        "Depressed mood with thoughts of hopelessness",
        "I want to feel like getting up in the morning",
        "Uses one coping skill from the safety plan when distressed, daily",
        [("cbt", "twice a week", "clinician"), ("skills_group", "daily", "worker")],
    ),
    (
        5,
        "Self-harm urges under stress",
        "I want to handle bad days without hurting myself",
        "Tells staff about an urge before acting on it, every time",
        [("dbt", "twice a week", "clinician"), ("medication_management", "daily", "nurse")],
    ),
    (
        8,
        "Anxiety that keeps him from groups",
        "I want to sit through a whole group",
        "Attends one group a day for 20 minutes or more",
        [("psychoeducation", "weekly", "clinician")],
    ),
]
# (resident's place, kind, minutes ago it ended, signed)
SESSIONS = [(0, "individual", 30, True), (5, "crisis", 20, True), (8, "individual", 10, False)]


def _uid() -> str:
    return str(uuid.uuid4())


def load(session: Session, now: datetime) -> None:
    """Enter the histories as clinician1 would have, each administration spread over the resident's stay; then the
    plans, signed, and the session notes."""
    unit = session.scalar(select(Unit).where(Unit.name == "North"))
    clinician = session.scalar(select(User).where(User.username == "clinician1"))
    if unit is None or clinician is None:
        return
    north = list(session.scalars(select(Resident).where(Resident.unit_id == unit.id).order_by(Resident.id)))
    for place, instrument, totals in HISTORIES:
        if place >= len(north):
            continue
        resident = north[place]
        stay = now - resident.admitted_at
        for k, total in enumerate(totals):
            at = resident.admitted_at + stay * (k + 1) / (len(totals) + 1)
            body = {
                "uid": str(uuid.uuid4()),
                "resident_id": resident.id,
                "occurred_at": at,
                "instrument": instrument,
                "answers": answers_for(instrument, total),
                "informant": "resident",
            }
            administer(session, clinician, body, at)
    for place, problem, goal, objective, interventions in PLANS:
        if place < len(north):
            _plan(session, clinician, north[place], problem, goal, objective, interventions, now)
    for place, kind, ago, signed in SESSIONS:
        if place < len(north):
            _session(session, clinician, north[place], kind, now - timedelta(minutes=ago), signed)


def _plan(session: Session, clinician: User, resident: Resident, problem, goal, objective, interventions, now) -> None:
    at = resident.admitted_at + (now - resident.admitted_at) / 2
    today = now.date()
    body = {
        "uid": _uid(),
        "resident_id": resident.id,
        "occurred_at": at,
        "problems": [{"key": "p1", "text": problem, "icd10": None}],
        "goals": [{"key": "g1", "problem": "p1", "text": goal, "target_date": today + timedelta(days=28)}],
        "objectives": [{"key": "o1", "goal": "g1", "text": objective, "target_date": today + timedelta(days=14)}],
        "interventions": [
            {"objective": "o1", "modality": m, "frequency": f, "responsible_role": r} for m, f, r in interventions
        ],
        "review_days": 30,
    }
    plan, _new = plans.write_version(session, clinician, body, at)
    plans.sign(session, clinician, plan.id, {"uid": _uid(), "resident_participation": "agreed", "note": None}, at)


def _session(session: Session, clinician: User, resident: Resident, kind: str, ended: datetime, signed: bool) -> None:
    started = max(ended - timedelta(minutes=45), resident.admitted_at)
    objective = plans.in_force(session, resident.id)
    body = {
        "uid": _uid(),
        "resident_ids": [resident.id],
        "kind": kind,
        "modality": "crisis_intervention" if kind == "crisis" else "cbt",
        "started_at": started,
        "ended_at": ended,
        "summary": {
            "data": "Spoke about the first days on the unit, sleep and what helps when things get hard.",
            "assessment": "Engaged, mood low but reactive; no intent to harm self or others.",
            "plan": "Practise the coping skill from the safety plan; meet again in two days.",
        },
        "risk": {"suicide": "low", "violence": "none"},
        "objective_ids": [o["id"] for o in objective.content["objectives"]] if objective else [],
        "process_note": None,
    }
    note, _new = sessions.record_session(session, clinician, body, ended)
    if signed:
        sessions.sign(session, clinician, note.id, {"uid": _uid()}, ended + timedelta(minutes=5))
