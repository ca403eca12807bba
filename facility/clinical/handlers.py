"""Adapters between the store and the pure clinical rules: keep the assessments' projection, call the rule."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.auth.services import staff_names
from facility.census.models import Resident
from facility.clinical.codes import UNSIGNED_AFTER_HOURS
from facility.clinical.instruments import catalogue
from facility.clinical.models import Assessment, ProcessNote, SessionResident, TherapySession, TreatmentPlan
from facility.clinical.plans import in_force, next_review_due, project_version
from facility.clinical.rules import (
    AdministrationFacts,
    PlanInForce,
    SessionRiskFacts,
    UnsignedNote,
    administration_outcomes,
    review_condition,
    review_outcomes,
    session_outcomes,
    unsigned_condition,
    unsigned_outcomes,
)
from facility.goals.store import put_in_force
from facility.outcomes import Outcome, Resolve
from facility.records.log import corrections_of, effective_data
from facility.records.models import Event
from facility.timeutil import facility_zone


def project_assessment(session: Session, record: Any) -> Assessment:
    """The row of a stored administration, as its event says."""
    row = session.scalar(select(Assessment).where(Assessment.uid == record.uid))
    data = record.data
    if row is None:
        row = Assessment(uid=record.uid)
        session.add(row)
    row.resident_id = record.resident_id
    row.unit_id = record.unit_id
    row.instrument = data["instrument"]
    row.version = data.get("version") or ""
    row.occurred_at = record.occurred_at
    row.administered_by_id = record.actor_id
    row.informant = data.get("informant") or "resident"
    row.answers = dict(data.get("answers") or {})
    row.status = data["status"]
    row.total = data.get("total")
    row.band = data.get("band")
    row.critical_items = list(data.get("critical_items") or [])
    row.incomplete_reason = data.get("incomplete_reason")
    session.flush()
    return row


def on_assessed(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A stored administration: its row, then the alerts of its critical items (to the unit's nurses at once)."""
    row = project_assessment(session, record)
    instrument = catalogue().get(row.instrument)
    if instrument is None or not row.critical_items:
        return []
    resident = session.get(Resident, row.resident_id)
    facts = AdministrationFacts(
        row.uid, row.unit_id, resident.id, resident.display_name, dict(row.answers), tuple(row.critical_items)
    )
    return list(administration_outcomes(facts, instrument))


def on_session(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A stored session note: its row and residents, then the alerts of the risk assessed."""
    data = record.data
    row = session.scalar(select(TherapySession).where(TherapySession.uid == record.uid))
    if row is None:
        author = session.get(User, record.actor_id)
        row = TherapySession(uid=record.uid, needs_cosign=bool(author is not None and author.requires_cosign))
        session.add(row)
    row.unit_id = record.unit_id
    row.author_id = record.actor_id
    for name in ("kind", "modality", "summary", "risk"):
        setattr(row, name, data[name])
    row.started_at, row.ended_at = _when(data["started_at"]), _when(data["ended_at"])
    row.objective_ids = list(data.get("objective_ids") or [])
    session.flush()
    for rid in data["resident_ids"]:
        if session.get(SessionResident, (row.id, rid)) is None:
            session.add(SessionResident(session_id=row.id, resident_id=rid))
    session.flush()
    outcomes: list[Outcome] = []
    for rid in data["resident_ids"]:
        resident = session.get(Resident, rid)
        risk = data["risk"]
        facts = SessionRiskFacts(
            record.uid, record.unit_id, rid, resident.display_name, risk["suicide"], risk["violence"]
        )
        outcomes += session_outcomes(facts)
    return outcomes


def _data_in_force(session: Session, uid: str) -> dict[str, Any] | None:
    event = session.scalar(select(Event).where(Event.uid == str(uid)))
    return effective_data(event, corrections_of(session, [event.uid]).get(event.uid, []))


def on_assessment_corrected(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A voided administration was never given: its row goes, with its scores from lists, trends and the caseload
    (an amended one is scored again and projected by on_assessed; its alarms are raised or resolved again)."""
    if _data_in_force(session, record.uid) is None:
        row = session.scalar(select(Assessment).where(Assessment.uid == record.uid))
        if row is not None:
            session.delete(row)
            session.flush()
    return []


def on_session_corrected(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A voided session note leaves every list, and its process note with it; an amended note that a supervisor had
    co-signed waits for their co-signature of what it now says."""
    row = session.scalar(select(TherapySession).where(TherapySession.uid == record.uid))
    if row is None:
        return []
    if _data_in_force(session, record.uid) is None:
        session.execute(delete(ProcessNote).where(ProcessNote.session_id == row.id))
        session.execute(delete(SessionResident).where(SessionResident.session_id == row.id))
        session.delete(row)
        session.flush()
        return [Resolve(unsigned_condition(record.uid), "note voided")]
    if row.needs_cosign and row.cosigned_at is not None:
        row.cosigned_at = row.cosigned_by_id = None
        session.flush()
    return []


def on_plan_corrected(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A withdrawn draft is marked so: never signed, never in force, no longer offered."""
    plan = session.scalar(select(TreatmentPlan).where(TreatmentPlan.uid == record.uid))
    if plan is not None:
        plan.voided = _data_in_force(session, record.uid) is None
        session.flush()
    return []


def _when(value: Any) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def on_signed(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """The author's signature: the note is signed, and its note_unsigned resolves."""
    row = session.scalar(select(TherapySession).where(TherapySession.uid == record.data["session_uid"]))
    row.signed_at = record.occurred_at
    session.flush()
    return [Resolve(unsigned_condition(row.uid), "note signed")]


def on_cosigned(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A supervising clinician's co-signature."""
    row = session.scalar(select(TherapySession).where(TherapySession.uid == record.data["session_uid"]))
    row.cosigned_at, row.cosigned_by_id = record.occurred_at, record.actor_id
    session.flush()
    return []


def sweep_unsigned(session: Session, now: datetime) -> list[Outcome]:
    """note_unsigned for session notes still unsigned 24 hours after their session ended (the last 14 days')."""
    after = timedelta(hours=UNSIGNED_AFTER_HOURS)
    rows = list(
        session.scalars(
            select(TherapySession).where(
                TherapySession.signed_at.is_(None),
                TherapySession.ended_at <= now - after,
                TherapySession.ended_at > now - after - timedelta(days=14),
            )
        )
    )
    if not rows:
        return []
    names = staff_names(session, {r.author_id for r in rows})
    first = {
        sid: rid
        for sid, rid in session.execute(
            select(SessionResident.session_id, SessionResident.resident_id).where(
                SessionResident.session_id.in_([r.id for r in rows])
            )
        )
    }
    notes = [
        UnsignedNote(r.uid, r.unit_id, first.get(r.id), names.get(r.author_id, "a clinician"), r.ended_at) for r in rows
    ]
    return list(unsigned_outcomes(notes, now, after, facility_zone()))


def on_plan_written(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A new version of a plan: its row, and its goals and objectives with their lasting ids."""
    project_version(session, record)
    return []


def on_plan_signed(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A signed version is the plan in force: the review of the one before it is no longer due."""
    before = in_force(session, record.resident_id)
    plan = session.scalar(select(TreatmentPlan).where(TreatmentPlan.uid == record.data["plan_uid"]))
    plan.signed_at = record.occurred_at
    plan.participation = record.data["resident_participation"]
    plan.sign_note = record.data.get("note")
    session.flush()
    put_in_force(session, plan.resident_id, plan.content.get("goals") or [])
    return [Resolve(review_condition(before.uid), "a new version signed")] if before is not None else []


def sweep_plan_reviews(session: Session, now: datetime) -> list[Outcome]:
    """plan_review_due for each resident in care whose plan in force has passed its review date."""
    rows = session.execute(
        select(TreatmentPlan, Resident)
        .join(Resident, Resident.id == TreatmentPlan.resident_id)
        .where(TreatmentPlan.signed_at.is_not(None), Resident.discharged_at.is_(None))
        .order_by(TreatmentPlan.resident_id, TreatmentPlan.version)
    ).all()
    current: dict[int, tuple[TreatmentPlan, Resident]] = {}
    for plan, resident in rows:
        current[resident.id] = (plan, resident)
    due = [
        PlanInForce(p.uid, r.unit_id, r.id, r.display_name, next_review_due(p))
        for p, r in current.values()
        if next_review_due(p) <= now
    ]
    return list(review_outcomes(due, now, facility_zone()))
