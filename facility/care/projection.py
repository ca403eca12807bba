"""Keeping the care projections in step with the records in force (originals, amendments, voids)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.care.codes import DID_NOT_OCCUR, MEAL
from facility.care.models import Consent, Meal, Outing
from facility.records.log import corrections_of, effective_data
from facility.records.models import Event


def data_in_force(session: Session, uid: str) -> tuple[Event, dict[str, Any] | None]:
    """The original event of uid and its data in force (None once voided)."""
    event = session.scalar(select(Event).where(Event.uid == str(uid)))
    return event, effective_data(event, corrections_of(session, [event.uid]).get(event.uid, []))


def contact_key(name: str) -> str:
    """A contact's name as consents are matched: case and runs of spaces do not matter."""
    return " ".join(name.split()).casefold()


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _instant(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _row(session: Session, model: type, uid: str, **first: Any) -> Any:
    row = session.scalar(select(model).where(model.uid == uid))
    if row is None:
        row = model(uid=uid, **first)
        session.add(row)
    return row


def project_consent(session: Session, uid: str) -> Consent:
    """The consent row of a consent.recorded event; a voided consent no longer allows contacts."""
    event, data = data_in_force(session, uid)
    consent = _row(
        session,
        Consent,
        event.uid,
        resident_id=event.resident_id,
        recorded_by_id=event.actor_id,
        recorded_at=event.occurred_at,
    )
    consent.voided = data is None
    data = data or event.data
    consent.contact_name, consent.contact_key = data["contact_name"], contact_key(data["contact_name"])
    consent.relationship, consent.scope = data["relationship"], data["scope"]
    consent.expires_on = _day(data.get("expires_on"))
    session.flush()
    return consent


def project_outing(session: Session, uid: str) -> Outing:
    """The outing row of an outing.signed_out event; a voided sign-out is no absence."""
    event, data = data_in_force(session, uid)
    outing = _row(
        session,
        Outing,
        event.uid,
        resident_id=event.resident_id,
        unit_id=event.unit_id,
        started_at=event.occurred_at,
        signed_out_by_id=event.actor_id,
    )
    outing.voided = data is None
    data = data or event.data
    outing.destination, outing.vehicle = data["destination"], data.get("vehicle")
    outing.escort_id, outing.expected_return_at = data.get("escort_id"), _instant(data["expected_return_at"])
    session.flush()
    return outing


def project_return(session: Session, uid: str) -> Outing | None:
    """Close (or, once the sign-in is voided, reopen) the outing an outing.returned event names."""
    event, data = data_in_force(session, uid)
    outing = session.scalar(select(Outing).where(Outing.uid == str((data or event.data)["outing_uid"])))
    if outing is None:
        return None
    if data is not None:
        outing.returned_at, outing.return_uid = event.occurred_at, event.uid
    elif outing.return_uid == event.uid:
        outing.returned_at = outing.return_uid = None
    session.flush()
    return outing


def project_meal(session: Session, uid: str) -> Meal | None:
    """The meal row of an adl.support event when it is a meal in force that took place; otherwise none."""
    event, data = data_in_force(session, uid)
    row = session.scalar(select(Meal).where(Meal.uid == event.uid))
    counts = data is not None and data.get("activity") == MEAL and data.get("support") != DID_NOT_OCCUR
    if not counts:
        if row is not None:
            session.delete(row)
            session.flush()
        return None
    row = row or Meal(uid=event.uid, resident_id=event.resident_id, occurred_at=event.occurred_at)
    row.meal, row.percent_eaten = data["meal"], data["percent_eaten"]
    session.add(row)
    session.flush()
    return row
