"""Care use cases about one resident: ADL support, progress notes, goals, consents, family contacts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.auth.services import staff_names
from facility.care.codes import ADL, CONSENT, CONTACT, GOAL, NOTE
from facility.care.models import Consent
from facility.care.projection import contact_key
from facility.care.schemas.answers import GoalOut
from facility.census.models import Resident
from facility.census.scope import resident_for
from facility.census.writes import record_about_resident
from facility.errors import Invalid
from facility.goals import FLOOR, PLAN
from facility.goals.models import Goal
from facility.goals.store import active_goals, active_ids
from facility.records.audit import record_access
from facility.records.log import corrections_of, effective_data
from facility.records.models import Event
from facility.timeutil import facility_zone

ADL_FIELDS = ("activity", "support", "meal", "percent_eaten", "fluids_ml", "sleep_hours", "note")
NOTE_FIELDS = ("text", "mood", "engagement", "goal_ids")
CONTACT_FIELDS = ("contact_name", "relationship", "method", "summary")


def record_view(event: Event) -> dict[str, Any]:
    """A stored care record as the API answers it: identity, times, author, then its data."""
    return {
        "id": event.id,
        "uid": event.uid,
        "resident_id": event.resident_id,
        "unit_id": event.unit_id,
        "occurred_at": event.occurred_at,
        "recorded_at": event.recorded_at,
        "late_entry": event.late_entry,
        "author_id": event.actor_id,
        **event.data,
    }


def record_adl(session: Session, actor: User, cmd: dict[str, Any], now: datetime) -> tuple[Event, bool]:
    """Support given with an activity of daily living: an `adl.support` event (a meal may raise poor_intake)."""
    return record_about_resident(
        session,
        actor,
        cmd,
        ADL,
        "care.adl.record",
        lambda _r: {name: cmd.get(name) for name in ADL_FIELDS},
        now,
    )


def write_note(session: Session, actor: User, cmd: dict[str, Any], now: datetime) -> tuple[Event, bool]:
    """A shift progress note with mood and engagement, linked to the resident's goals that take notes: those of the
    plan in force and those set from the floor (one goal table)."""

    def data_for(resident: Resident) -> dict[str, Any]:
        ids = list(cmd.get("goal_ids") or [])
        active = active_ids(session, resident.id, ids)
        unknown = [i for i in ids if i not in active]
        if unknown:
            raise Invalid.field("goal_ids", f"not an active goal of this resident: {', '.join(map(str, unknown))}")
        return {name: cmd.get(name) for name in NOTE_FIELDS}

    return record_about_resident(session, actor, cmd, NOTE, "care.note.write", data_for, now)


# Who may put each kind on file: the same rows as its endpoint.
ON_FILE = {GOAL: "care.goal.set", CONSENT: "care.consent.record"}


def _on_file(
    session: Session, actor: User, resident_id: int, cmd: dict[str, Any], kind: str, data: dict[str, Any], now: datetime
) -> bool:
    """Store something a nurse or lead puts on file for a resident now (a goal, a consent); True when new."""
    body = {"resident_id": resident_id, **cmd}
    stored = record_about_resident(session, actor, body, kind, ON_FILE[kind], lambda _: data, now, occurred_at=now)
    return stored[1]


def set_goal(
    session: Session, actor: User, resident_id: int, cmd: dict[str, Any], now: datetime
) -> tuple[dict[str, Any], bool]:
    """A treatment-plan goal entered by a nurse or lead: a `goal.set` event."""
    data = {"text": cmd["text"], "target_date": cmd.get("target_date")}
    is_new = _on_file(session, actor, resident_id, cmd, GOAL, data, now)
    goal = session.scalar(select(Goal).where(Goal.uid == str(cmd["uid"]), Goal.source == FLOOR))
    return goal_view(session, goal), is_new


def _notes_by_goal(session: Session, resident_id: int) -> dict[int, list[dict[str, Any]]]:
    """The resident's progress notes in force, oldest first, under each goal they name."""
    rows = list(
        session.scalars(
            select(Event)
            .where(Event.resident_id == resident_id, Event.kind == NOTE)
            .order_by(Event.occurred_at, Event.id)
        )
    )
    corrections = corrections_of(session, [r.uid for r in rows])
    authors = staff_names(session, {r.actor_id for r in rows})
    found: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        data = effective_data(row, corrections.get(row.uid, []))
        if data is None:
            continue
        line = {
            "uid": row.uid,
            "occurred_at": row.occurred_at,
            "text": data.get("text"),
            "mood": data.get("mood"),
            "engagement": data.get("engagement"),
            "author": authors.get(row.actor_id),
        }
        for goal_id in data.get("goal_ids") or []:
            found.setdefault(goal_id, []).append(line)
    return found


def goal_view(session: Session, goal: Goal, notes: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A goal with who set it and (when given) its notes."""
    return {
        "id": goal.id,
        "uid": goal.uid,
        "resident_id": goal.resident_id,
        "text": goal.text,
        "target_date": goal.target_date,
        "set_at": goal.set_at,
        "set_by": staff_names(session, {goal.set_by_id}).get(goal.set_by_id),
        "from_plan": goal.source == PLAN,
        "notes": notes or [],
    }


def _goal_views(session: Session, resident: Resident) -> list[dict[str, Any]]:
    goals = active_goals(session, resident.id)
    notes = _notes_by_goal(session, resident.id)
    return [goal_view(session, g, notes.get(g.id)) for g in goals]


def goals_shown(session: Session, resident: Resident) -> list[dict[str, Any]]:
    """The resident's goals that take notes (the plan in force's and those set from the floor), each with its
    progress notes oldest first (the resident detail, as JSON)."""
    return GoalOut(many=True).dump(_goal_views(session, resident))


def list_goals(session: Session, actor: User, resident_id: int) -> list[dict[str, Any]]:
    """GET /residents/{id}/goals: any of the unit's staff; the read is audited."""
    resident = resident_for(session, actor, resident_id)
    record_access(session, actor.id, "read:goals", target=f"resident:{resident.id}", resident_id=resident.id)
    return _goal_views(session, resident)


def consent_view(consent: Consent, today) -> dict[str, Any]:
    expired = consent.expires_on is not None and consent.expires_on < today
    return {
        **{c.key: getattr(consent, c.key) for c in Consent.__table__.columns},
        "status": "expired" if expired else "active",
    }


def record_consent(
    session: Session, actor: User, resident_id: int, cmd: dict[str, Any], now: datetime
) -> tuple[dict[str, Any], bool]:
    """A consent to share with a named contact, with scope and expiry (nurse, lead)."""
    data = {name: cmd.get(name) for name in ("contact_name", "relationship", "scope", "expires_on")}
    is_new = _on_file(session, actor, resident_id, cmd, CONSENT, data, now)
    consent = session.scalar(select(Consent).where(Consent.uid == str(cmd["uid"])))
    return consent_view(consent, now.astimezone(facility_zone()).date()), is_new


def list_consents(session: Session, actor: User, resident_id: int, now: datetime) -> list[dict[str, Any]]:
    """The resident's consents on file (expired ones marked), newest first."""
    resident = resident_for(session, actor, resident_id)
    record_access(session, actor.id, "read:consents", target=f"resident:{resident.id}", resident_id=resident.id)
    rows = session.scalars(
        select(Consent).where(Consent.resident_id == resident.id, Consent.voided.is_(False)).order_by(Consent.id.desc())
    )
    today = now.astimezone(facility_zone()).date()
    return [consent_view(c, today) for c in rows]


def _consent_for(session: Session, resident: Resident, name: str, at: datetime) -> Consent:
    """The consent on file covering a contact with name on the day of at; Invalid naming contact_name if none."""
    rows = list(
        session.scalars(
            select(Consent).where(
                Consent.resident_id == resident.id, Consent.contact_key == contact_key(name), Consent.voided.is_(False)
            )
        )
    )
    day = at.astimezone(facility_zone()).date()
    valid = [c for c in rows if c.expires_on is None or c.expires_on >= day]
    if valid:
        return valid[0]
    if rows:
        last = max(c.expires_on for c in rows)
        raise Invalid.field(
            "contact_name",
            f"the consent to contact {name} expired on {last:%d %b %Y}; a nurse "
            "or lead must record a new consent before any contact",
        )
    raise Invalid.field(
        "contact_name",
        f"no consent on file for {name}: nothing may be shared with them until "
        "a nurse or lead records the resident's consent for this contact",
    )


def record_contact(session: Session, actor: User, cmd: dict[str, Any], now: datetime) -> tuple[Event, bool]:
    """A family or collateral contact — refused unless a consent for that contact is on file."""

    def data_for(resident: Resident) -> dict[str, Any]:
        consent = _consent_for(session, resident, cmd["contact_name"], cmd["occurred_at"])
        return {**{name: cmd[name] for name in CONTACT_FIELDS}, "consent_uid": consent.uid}

    return record_about_resident(session, actor, cmd, CONTACT, "care.contact.record", data_for, now)
