"""Referrals that close their loop: made under the resident's consent, moved step by step, each step an event."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.actors import Actor
from facility.auth.services import staff_names
from facility.casework.codes import CONSENT_KIND, OPEN_STATUSES, REFERRAL_MADE, REFERRAL_STEP, SENT
from facility.casework.models import Referral, ReferralStep, Resource
from facility.casework.rules import (
    ConsentFact,
    OutcomeRequired,
    StepRefused,
    allowed_steps,
    consent_refusal,
    days_open,
    next_status,
)
from facility.census.models import Resident
from facility.census.scope import resident_for
from facility.census.writes import record_about_resident
from facility.db import locked
from facility.errors import Conflict, Invalid, NotFound
from facility.records.audit import record_access
from facility.records.log import corrections_of, effective_data
from facility.records.models import Event
from facility.timeutil import facility_zone


def consent_on_file(session: Session, consent_uid: str) -> ConsentFact | None:
    """The consent recorded with this uid as it stands in the log (None when there is none or it was voided).

    Read from the log, not daily care's tables: leaf domains do not import each other, and the log is the record.
    """
    event = session.scalar(select(Event).where(Event.uid == str(consent_uid), Event.kind == CONSENT_KIND))
    if event is None:
        return None
    data = effective_data(event, corrections_of(session, [event.uid]).get(event.uid, []))
    if data is None:
        return None
    return ConsentFact(event.resident_id, data["contact_name"], data["scope"], _day(data.get("expires_on")))


def consents_for_referrals(session: Session, resident_id: int, today: date) -> list[dict[str, Any]]:
    """The resident's consents in force that a referral may name: of a wide enough scope, not expired, not voided."""
    events = list(session.scalars(select(Event).where(Event.resident_id == resident_id, Event.kind == CONSENT_KIND)))
    corrections = corrections_of(session, [e.uid for e in events])
    found = []
    for event in events:
        data = effective_data(event, corrections.get(event.uid, []))
        if data is None:
            continue
        fact = ConsentFact(resident_id, data["contact_name"], data["scope"], _day(data.get("expires_on")))
        if consent_refusal(fact, resident_id, fact.contact_name, today) is None:
            found.append({"uid": event.uid, "contact_name": fact.contact_name, "expires_on": fact.expires_on})
    return found


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _check_consent(session: Session, resident: Resident, consent_uid: str, organisation: str, at: datetime) -> None:
    """Invalid naming consent_uid unless that consent lets the resident's information go to the organisation."""
    today = at.astimezone(facility_zone()).date()
    problem = consent_refusal(consent_on_file(session, consent_uid), resident.id, organisation, today)
    if problem is not None:
        raise Invalid.field("consent_uid", problem)


def make_referral(session: Session, actor: Actor, cmd: dict[str, Any], now: datetime) -> tuple[Referral, bool]:
    """A referral to an organisation of the directory for a need, as a draft (case manager); consent checked."""

    def data_for(resident: Resident) -> dict[str, Any]:
        resource = session.get(Resource, cmd["resource_id"])
        if resource is None:
            raise Invalid.field("resource_id", "no such organisation in the resource directory")
        _check_consent(session, resident, cmd["consent_uid"], resource.name, now)
        return {name: cmd[name] for name in ("resource_id", "need", "reason", "consent_uid")}

    _event, is_new = record_about_resident(
        session, actor, cmd, REFERRAL_MADE, "casework.referral.write", data_for, now, occurred_at=now
    )
    return session.scalar(select(Referral).where(Referral.uid == str(cmd["uid"]))), is_new


def change_status(
    session: Session, actor: Actor, referral_id: int, cmd: dict[str, Any], now: datetime
) -> tuple[Referral, bool]:
    """One step of a referral (case manager): 409 naming the current status on a step the state machine refuses."""
    referral = locked(session, Referral, referral_id)  # two steps at once: the second sees the first's
    if referral is None:
        raise NotFound("no such referral")
    body = {"resident_id": referral.resident_id, "referral_id": referral.id, **cmd}

    def data_for(resident: Resident) -> dict[str, Any]:
        try:
            status = next_status(referral.status, cmd["status"], cmd.get("outcome"))
        except StepRefused as refused:
            raise Conflict(str(refused), {"status": [str(refused)]}) from None
        except OutcomeRequired as missing:
            raise Invalid.field("outcome", str(missing)) from None
        if status == SENT:  # sending is when the information leaves: the consent must still hold
            resource = session.get(Resource, referral.resource_id)
            _check_consent(session, resident, referral.consent_uid, resource.name, cmd["occurred_at"])
        return {
            "referral_uid": referral.uid,
            "status": status,
            "previous": referral.status,
            "outcome": cmd.get("outcome"),
            "note": cmd.get("note"),
        }

    _event, is_new = record_about_resident(
        session, actor, body, REFERRAL_STEP, "casework.referral.write", data_for, now
    )
    return referral, is_new


def referral_view(session: Session, referral: Referral, now: datetime) -> dict[str, Any]:
    """A referral with its organisation, its steps oldest first (who, when) and the steps it may take next."""
    steps = list(
        session.scalars(
            select(ReferralStep)
            .where(ReferralStep.referral_id == referral.id)
            .order_by(ReferralStep.occurred_at, ReferralStep.id)
        )
    )
    names = staff_names(session, {referral.made_by_id, *(s.actor_id for s in steps)})
    return {
        **{c.key: getattr(referral, c.key) for c in Referral.__table__.columns},
        "resource": session.get(Resource, referral.resource_id),
        "made_by": names.get(referral.made_by_id),
        "days_open": days_open(referral.made_at, now) if referral.status in OPEN_STATUSES else None,
        "next_steps": list(allowed_steps(referral.status)),
        "steps": [
            {
                "uid": s.uid,
                "status": s.status,
                "outcome": s.outcome,
                "note": s.note,
                "occurred_at": s.occurred_at,
                "recorded_at": s.recorded_at,
                "by": names.get(s.actor_id),
            }
            for s in steps
        ],
    }


def get_referral(session: Session, actor: Actor, referral_id: int, now: datetime) -> dict[str, Any]:
    """One referral of a resident of the caller's units (the read is audited)."""
    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NotFound("no such referral")
    resident = resident_for(session, actor, referral.resident_id)
    record_access(session, actor.id, "read:referral", target=referral.uid, resident_id=resident.id)
    return referral_view(session, referral, now)


def list_referrals(
    session: Session, actor: Actor, resident_id: int, status: str | None, now: datetime
) -> list[dict[str, Any]]:
    """The resident's referrals, newest first (the read is audited)."""
    resident = resident_for(session, actor, resident_id)
    record_access(session, actor.id, "read:referrals", target=f"resident:{resident.id}", resident_id=resident.id)
    query = select(Referral).where(Referral.resident_id == resident.id)
    if status:
        query = query.where(Referral.status == status)
    return [referral_view(session, r, now) for r in session.scalars(query.order_by(Referral.id.desc()))]
