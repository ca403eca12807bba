"""The clinician's caseload: the residents of their units, each with the latest scores, a trend, and any open
positive safety screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.actors import Actor
from facility.alerts.models import Alert
from facility.auth.services import staff_names
from facility.census.models import Resident
from facility.clinical.codes import SUICIDE_RISK_SCREEN, TRENDED, VIOLENCE_RISK
from facility.clinical.instruments import catalogue
from facility.clinical.models import Assessment, SessionResident, TherapySession, TreatmentPlan
from facility.clinical.plans import next_review_due
from facility.clinical.scoring import band_of, change_from
from facility.clinical.sessions import status_of
from facility.permissions import require
from facility.records.audit import record_access

# How many complete totals the trend line of an instrument shows.
TREND_POINTS = 8


@dataclass
class Latest:
    """An instrument's last administration for one resident and the complete totals before it, oldest first."""

    instrument: str
    label: str
    total: int | None
    band: str | None
    at: Any
    status: str
    change: int | None
    significant: bool
    critical: bool
    totals: list[int] = field(default_factory=list)


@dataclass
class CaseloadLine:
    """One resident on the caseload."""

    resident_id: int
    display_name: str
    unit_name: str
    safety: list[str]
    latest: dict[str, Latest | None]
    last_session: dict[str, Any] | None = None
    plan_review: Any = None  # when the plan in force is to be reviewed; None without a plan in force
    review_due: bool = False


@dataclass
class NoteToSign:
    """A session note waiting for the reader's signature (their own) or co-signature (a pre-licensed colleague's)."""

    id: int
    kind: str
    ended_at: Any
    residents: str
    author: str
    cosign: bool


def caseload(session: Session, actor: Actor, now: datetime) -> list[CaseloadLine]:
    """The residents in care on the clinician's units, open safety screens first, then by unit and room (audited)."""
    require(actor, "clinical.caseload")
    residents = list(
        session.scalars(
            select(Resident)
            .where(Resident.unit_id.in_(actor.unit_ids), Resident.discharged_at.is_(None))
            .order_by(Resident.unit_id, Resident.room)
        )
    )
    ids = [r.id for r in residents]
    record_access(session, actor.id, "read:caseload", target=f"user:{actor.id}", residents=len(ids))
    rows = session.scalars(
        select(Assessment)
        .where(Assessment.resident_id.in_(ids), Assessment.instrument.in_(TRENDED))
        .order_by(Assessment.occurred_at, Assessment.id)
    )
    by: dict[tuple[int, str], list[Assessment]] = {}
    for row in rows:
        by.setdefault((row.resident_id, row.instrument), []).append(row)
    alarms: dict[int, list[str]] = {}
    for alert in session.scalars(
        select(Alert).where(
            Alert.resident_id.in_(ids),
            Alert.kind.in_([SUICIDE_RISK_SCREEN, VIOLENCE_RISK]),
            Alert.resolved_at.is_(None),
        )
    ):
        alarms.setdefault(alert.resident_id, []).append(alert.kind)
    last_sessions: dict[int, dict[str, Any]] = {}
    for row, rid in session.execute(
        select(TherapySession, SessionResident.resident_id)
        .join(SessionResident, SessionResident.session_id == TherapySession.id)
        .where(SessionResident.resident_id.in_(ids))
        .order_by(TherapySession.started_at, TherapySession.id)
    ):
        last_sessions[rid] = {"kind": row.kind, "at": row.started_at, "status": status_of(row)}
    reviews = {
        plan.resident_id: next_review_due(plan)
        for plan in session.scalars(
            select(TreatmentPlan)
            .where(TreatmentPlan.resident_id.in_(ids), TreatmentPlan.signed_at.is_not(None))
            .order_by(TreatmentPlan.version)
        )
    }
    lines = [
        CaseloadLine(
            r.id,
            r.display_name,
            r.unit.name if r.unit is not None else "",
            sorted(set(alarms.get(r.id, []))),
            {code: _latest(code, by.get((r.id, code), [])) for code in TRENDED},
            last_sessions.get(r.id),
            reviews.get(r.id),
            r.id in reviews and reviews[r.id] <= now,
        )
        for r in residents
    ]
    return sorted(lines, key=lambda line: not line.safety)


def _latest(code: str, rows: list[Assessment]) -> Latest | None:
    if not rows:
        return None
    instrument = catalogue().get(code)
    last = rows[-1]
    totals = [r.total for r in rows if r.total is not None]
    previous = [r.total for r in rows[:-1] if r.total is not None]
    change, significant = (
        change_from(instrument, previous[-1] if previous else None, last.total) if instrument else (None, False)
    )
    band = band_of(instrument, last.total) if instrument and last.total is not None else None
    return Latest(
        code,
        instrument.label if instrument else code.upper(),
        last.total,
        band.label if band else None,
        last.occurred_at,
        last.status,
        change,
        significant,
        bool(last.critical_items),
        totals[-TREND_POINTS:],
    )


def notes_to_sign(session: Session, actor: Actor) -> list[NoteToSign]:
    """The reader's own unsigned notes, and (for a licensed clinician) colleagues' signed notes awaiting a
    co-signature, on the reader's units, oldest first."""
    mine = (TherapySession.author_id == actor.id) & TherapySession.signed_at.is_(None)
    others = (
        (TherapySession.author_id != actor.id)
        & TherapySession.needs_cosign.is_(True)
        & TherapySession.signed_at.is_not(None)
        & TherapySession.cosigned_at.is_(None)
    )
    wanted = mine if getattr(actor, "requires_cosign", False) else mine | others
    rows = list(
        session.scalars(
            select(TherapySession)
            .where(TherapySession.unit_id.in_(actor.unit_ids), wanted)
            .order_by(TherapySession.ended_at, TherapySession.id)
        )
    )
    names = staff_names(session, {r.author_id for r in rows})
    seen: dict[int, list[str]] = {}
    for sid, resident in session.execute(
        select(SessionResident.session_id, Resident)
        .join(Resident, Resident.id == SessionResident.resident_id)
        .where(SessionResident.session_id.in_([r.id for r in rows]))
    ):
        seen.setdefault(sid, []).append(resident.display_name)
    return [
        NoteToSign(
            r.id, r.kind, r.ended_at, ", ".join(seen.get(r.id, [])), names.get(r.author_id, ""), r.author_id != actor.id
        )
        for r in rows
    ]
