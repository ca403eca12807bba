"""Clinical use cases: administer an instrument to a resident, list a resident's assessments with their change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.actors import Actor
from facility.alerts.models import Alert
from facility.auth.services import staff_names
from facility.census.models import Resident
from facility.census.scope import resident_for
from facility.census.writes import record_about_resident
from facility.clinical.codes import ASSESSED, SUICIDE_RISK_SCREEN, TRENDED, VIOLENCE_RISK
from facility.clinical.instruments import Instrument, catalogue
from facility.clinical.models import Assessment
from facility.clinical.scoring import COMPLETE, band_of, change_from, score
from facility.errors import Invalid
from facility.permissions import may, require
from facility.records.audit import record_access
from facility.records.models import Event

READ = "clinical.assessment.read"


def instrument_named(code: str) -> Instrument:
    """The loaded instrument of that code; Invalid naming `instrument` otherwise."""
    found = catalogue().get(code)
    if found is None:
        known = ", ".join(sorted(catalogue()))
        raise Invalid.field("instrument", f"no instrument {code!r} is loaded (known: {known})")
    return found


def list_instruments() -> list[dict[str, Any]]:
    """Every loaded instrument's definition, by code."""
    return [catalogue()[code].shown() for code in sorted(catalogue())]


def _scored(instrument: Instrument, answers: dict[str, Any], informant: str | None, reason: str | None) -> dict:
    """An administration's data as stored: the answers given and the server's score of them."""
    scored = score(instrument, answers, reason)
    given = {str(n): v for n, v in sorted((int(k), v) for k, v in answers.items()) if v is not None}
    return {
        "instrument": instrument.code,
        "version": instrument.version,
        "answers": given,
        "informant": informant or "resident",
        "incomplete_reason": None if scored.status == COMPLETE else reason,
        "status": scored.status,
        "total": scored.total,
        "band": scored.band,
        "critical_items": list(scored.critical_items),
    }


def administer(session: Session, actor: Actor, cmd: dict[str, Any], now: datetime) -> tuple[Event, bool]:
    """Store an administration of an instrument to cmd's resident, scored by the server (clinician, nurse)."""

    def data_for(_resident: Resident) -> dict[str, Any]:
        instrument = instrument_named(cmd["instrument"])
        return _scored(instrument, cmd["answers"], cmd.get("informant"), cmd.get("incomplete_reason"))

    return record_about_resident(session, actor, cmd, ASSESSED, "clinical.assessment.record", data_for, now)


# What an amendment may change: the answers, who answered, why items were left out. The server scores them again.
AMENDABLE = ("answers", "informant", "incomplete_reason")
SCORED = ("instrument", "version", "status", "total", "band", "critical_items")  # never sent: derived or fixed


def rescore(_session: Session, original: Event, data: dict[str, Any]) -> dict[str, Any]:
    """An amended administration scored again by the server, on the instrument it was given with."""
    instrument = catalogue().get(original.data["instrument"])
    if instrument is None:
        raise Invalid.field("data", f"the instrument {original.data['instrument']!r} is no longer loaded")
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise Invalid.field("answers", "item number → the value of the chosen option")
    return _scored(instrument, answers, data.get("informant"), data.get("incomplete_reason"))


def may_correct_assessment(_session: Session, actor: Actor, original: Event, _amending: bool) -> None:
    """Its author, if they still give assessments; another's, a clinician (`clinical.assessment.correct.others`)."""
    if original.actor_id == actor.id:
        require(actor, "clinical.assessment.record")
    else:
        require(actor, "clinical.assessment.correct.others")


def _views(session: Session, rows: list[Assessment]) -> list[dict[str, Any]]:
    """The rows (oldest first) as the API answers them, each with its change since the previous complete one."""
    events = {e.uid: e for e in session.scalars(select(Event).where(Event.uid.in_([r.uid for r in rows])))}
    names = staff_names(session, {r.administered_by_id for r in rows})
    last_total: dict[str, int] = {}
    shown = []
    for row in rows:
        instrument = catalogue().get(row.instrument)
        change, significant = (
            change_from(instrument, last_total.get(row.instrument), row.total) if instrument else (None, False)
        )
        band = band_of(instrument, row.total) if instrument and row.total is not None else None
        event = events.get(row.uid)
        shown.append(
            {
                "id": row.id,
                "uid": row.uid,
                "resident_id": row.resident_id,
                "instrument": row.instrument,
                "instrument_name": instrument.name if instrument else row.instrument,
                "version": row.version,
                "occurred_at": row.occurred_at,
                "recorded_at": event.recorded_at if event else None,
                "late_entry": event.late_entry if event else False,
                "administered_by": names.get(row.administered_by_id),
                "informant": row.informant,
                "answers": row.answers,
                "status": row.status,
                "total": row.total,
                "band": row.band,
                "band_label": band.label if band else None,
                "critical_items": list(row.critical_items or []),
                "incomplete_reason": row.incomplete_reason,
                "change_from_previous": change,
                "clinically_significant_change": significant,
            }
        )
        if row.total is not None:
            last_total[row.instrument] = row.total
    return shown


def _rows(session: Session, resident_id: int, instrument: str | None = None) -> list[Assessment]:
    stmt = select(Assessment).where(Assessment.resident_id == resident_id)
    if instrument:
        stmt = stmt.where(Assessment.instrument == instrument)
    return list(session.scalars(stmt.order_by(Assessment.occurred_at, Assessment.id)))


def assessment_view(session: Session, event: Event) -> dict[str, Any]:
    """One stored administration as the API answers it (its change measured against the ones before it)."""
    row = session.scalar(select(Assessment).where(Assessment.uid == event.uid))
    views = _views(session, [r for r in _rows(session, row.resident_id, row.instrument) if _before_or_is(r, row)])
    return views[-1]


def _before_or_is(row: Assessment, this: Assessment) -> bool:
    return (row.occurred_at, row.id) <= (this.occurred_at, this.id)


def list_assessments(session: Session, actor: Actor, resident_id: int, instrument: str | None) -> list[dict]:
    """The resident's administrations, oldest first, with totals, bands and changes (audited)."""
    require(actor, READ)
    resident = resident_for(session, actor, resident_id)
    record_access(session, actor.id, "read:assessments", target=f"resident:{resident.id}", resident_id=resident.id)
    return _views(session, _rows(session, resident.id, instrument))


def safety_alerts(session: Session, resident_id: int) -> list[Alert]:
    """The resident's open alerts of a positive safety screen or a risk, oldest first."""
    return list(
        session.scalars(
            select(Alert)
            .where(
                Alert.resident_id == resident_id,
                Alert.kind.in_([SUICIDE_RISK_SCREEN, VIOLENCE_RISK]),
                Alert.resolved_at.is_(None),
            )
            .order_by(Alert.id)
        )
    )


def scores_shown(session: Session, resident: Resident) -> dict[str, Any]:
    """The resident page's scores panel: any open safety alert (shown to all staff), and the scores by instrument
    (to the roles that read assessments)."""
    safety = [
        {"kind": a.kind, "raised_at": a.raised_at, "severity": a.severity} for a in safety_alerts(session, resident.id)
    ]
    readable = has_request_context() and current_user.is_authenticated and may(current_user, READ)
    if not readable:
        return {"safety": safety, "series": None}
    series: dict[str, list[dict[str, Any]]] = {}
    for view in _views(session, _rows(session, resident.id)):
        series.setdefault(view["instrument"], []).append(view)
    ordered = sorted(series.items(), key=lambda kv: (TRENDED.index(kv[0]) if kv[0] in TRENDED else 99, kv[0]))
    tops = {code: int(i.scoring.get("max", 0)) for code, i in catalogue().items()}
    return {"safety": safety, "series": [{"instrument": k, "items": v, "top": tops.get(k, 0)} for k, v in ordered]}
