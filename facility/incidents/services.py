"""Incident use cases: file a report (draft or submitted), edit a draft, submit, review, close, add an addendum."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.auth.services import staff_names
from facility.census.models import Resident, Unit
from facility.census.scope import unit_for
from facility.census.writes import write
from facility.db import locked
from facility.errors import Conflict, Forbidden, Invalid, NotFound
from facility.incidents.codes import (
    ADDENDUM,
    CLOSED,
    DRAFT,
    DRAFT_EDITED,
    DRAFTED,
    MANDATED_REPORT,
    REPORT_KEYS,
    RESTRICTIVE,
    REVIEWED,
    REVIEWED_STATUS,
    SUBMITTED,
    SUBMITTED_STATUS,
)
from facility.incidents.handlers import incident_of
from facility.incidents.holds import open_from_report
from facility.incidents.models import Incident, IncidentAddendum
from facility.incidents.projection import instant, running_episodes
from facility.incidents.schemas import missing_to_submit
from facility.incidents.views import addendum_of, incident_view, mandated_report_view, summary_view
from facility.paging import page_of
from facility.permissions import may, require
from facility.records.audit import record_access
from facility.records.log import NewEvent, find_replay, fingerprint
from facility.records.models import Event
from facility.records.services import record

# Names the events of a draft saved again under its own uid (uuid5 of the draft's uid and the body).
SAVED_AGAIN = uuid.UUID("6f1d3c52-4b7e-5a55-9c1e-2a3b4c5d6e7f")


def scoped_incident(session: Session, actor: User, incident_id: int, lock: bool = False) -> Incident:
    """The incident if it is on one of the caller's units, else NotFound; locked for a step that changes it."""
    incident = locked(session, Incident, incident_id) if lock else session.get(Incident, incident_id)
    if incident is None or incident.unit_id not in actor.unit_ids:
        raise NotFound("no such incident")
    return incident


def check_report(session: Session, unit: Unit, report: dict[str, Any], now: datetime) -> None:
    """Residents and staff of the unit, injuries of people in the report, notifications after the incident."""
    errors: dict[str, list[str]] = {}
    when = instant(report.get("occurred_at"))
    ids = list(report.get("resident_ids") or [])
    found = {r.id: r for r in session.scalars(select(Resident).where(Resident.id.in_(ids)))} if ids else {}
    for rid in ids:
        resident = found.get(rid)
        if resident is None or resident.unit_id != unit.id:
            errors.setdefault("resident_ids", []).append(f"{rid} is not a resident of {unit.name}")
        elif resident.discharged_at is not None and (when is None or resident.discharged_at <= when):
            errors.setdefault("resident_ids", []).append(f"{rid} was discharged")
        elif when is not None and when < resident.admitted_at:
            errors.setdefault("resident_ids", []).append(f"{rid} was admitted after the incident")
    staff = list(report.get("staff_ids") or [])
    staff += [i["staff_id"] for i in report.get("injuries") or [] if i.get("staff_id") is not None]
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(staff)))} if staff else {}
    for sid in dict.fromkeys(report.get("staff_ids") or []):
        if sid not in users or unit.id not in users[sid].unit_ids:
            errors.setdefault("staff_ids", []).append(f"{sid} is not a staff member of {unit.name}")
    held = report.get("held_resident_ids") or []
    if held and not RESTRICTIVE & set(report.get("interventions") or ()):
        errors.setdefault("held_resident_ids", []).append("no hold, restraint or seclusion is among the interventions")
    for rid in held:
        if rid not in ids:
            errors.setdefault("held_resident_ids", []).append(f"{rid} is not one of the report's residents")
    for n, injury in enumerate(report.get("injuries") or []):
        if injury.get("resident_id") is not None and injury["resident_id"] not in ids:
            errors.setdefault("injuries", []).append(f"#{n + 1}: the injured resident is not one of the report's")
        if injury.get("staff_id") is not None and (
            injury["staff_id"] not in users or unit.id not in users[injury["staff_id"]].unit_ids
        ):
            errors.setdefault("injuries", []).append(
                f"#{n + 1}: {injury['staff_id']} is not a staff member of {unit.name}"
            )
    ahead = timedelta(minutes=current_app.config["FUTURE_TOLERANCE_MINUTES"])
    for n, note in enumerate(report.get("notifications") or []):
        at = instant(note["at"])
        if at > now + ahead:
            errors.setdefault("notifications", []).append(f"#{n + 1}: the time is in the future")
        elif when is not None and at < when:
            errors.setdefault("notifications", []).append(f"#{n + 1}: told before the incident happened")
    if errors:
        raise Invalid("the report names what it may not: " + ", ".join(sorted(errors)), errors)


def _report(cmd: dict[str, Any]) -> dict[str, Any]:
    return {k: cmd[k] for k in REPORT_KEYS if k in cmd}


def file_incident(session: Session, actor: User, cmd: dict[str, Any], now: datetime) -> tuple[Incident, bool]:
    """A report from the tablet: `incident.submitted` (alerts the nurses) or `incident.drafted` (kept to finish)."""
    require(actor, "incidents.file")
    unit = unit_for(session, actor, cmd["unit_id"])
    kind = DRAFTED if cmd.get("status") == DRAFT else SUBMITTED
    stored = session.scalar(select(Event).where(Event.uid == str(cmd["uid"])))
    incident = incident_of(session, cmd["uid"]) if stored is not None else None
    if stored is not None and incident is None:
        find_replay(session, cmd["uid"], cmd, kind)  # the uid of another kind of record: 409
    if incident is not None:
        if incident.unit_id not in actor.unit_ids:
            raise NotFound("no such incident")
        if stored.body_hash == fingerprint(cmd) and stored.kind == kind:
            return incident, False
        return _save_again(session, actor, incident, unit, cmd, now), False
    report = _full_report(cmd)
    check_report(session, unit, report, now)
    event, is_new = _record_report(
        session, actor, NewEvent(kind, cmd["uid"], unit.id, None, report.get("occurred_at") or now, report, cmd), now
    )
    return incident_of(session, event.uid), is_new


def _record_report(session: Session, actor: User, new: NewEvent, now: datetime) -> tuple[Event, bool]:
    """Store a draft or a submission; a submission opens the episodes its report names, in the same transaction."""
    event, is_new = record(session, actor, new, now)
    if is_new and new.kind == SUBMITTED:
        drafted_first = new.data.get("incident_id")
        incident = session.get(Incident, drafted_first) if drafted_first else incident_of(session, event.uid)
        open_from_report(session, actor, incident, now)
    return event, is_new


def _full_report(cmd: dict[str, Any]) -> dict[str, Any]:
    return {"staff_ids": [], "injuries": [], "notifications": [], **_report(cmd)}


def _save_again(
    session: Session, actor: User, incident: Incident, unit: Unit, cmd: dict[str, Any], now: datetime
) -> Incident:
    """The tablet saves its draft again under the draft's uid: the new body replaces the draft, or submits it.

    Each distinct body is stored once (its event uid comes from the draft's uid and the body), so a retry
    of any save is answered without storing it twice; once the report is submitted, a new body is a 409.
    """
    event_uid = str(uuid.uuid5(SAVED_AGAIN, f"{incident.uid}:{fingerprint(cmd)}"))
    if session.scalar(select(Event.id).where(Event.uid == event_uid)) is not None:
        return incident
    if incident.status != DRAFT:
        raise Conflict(f"uid {cmd['uid']} is a report {incident.status} already; it cannot change — add an addendum")
    if incident.unit_id != unit.id:
        raise Conflict(f"uid {cmd['uid']} is a draft of another unit")
    if incident.author_id != actor.id:
        raise Forbidden("only the author changes a draft")
    report = _full_report(cmd)
    check_report(session, unit, report, now)
    if cmd.get("status") == DRAFT:
        new = NewEvent(
            DRAFT_EDITED, event_uid, unit.id, None, now, {"incident_id": incident.id, "replaces": True, **report}, cmd
        )
    else:
        new = NewEvent(SUBMITTED, event_uid, unit.id, None, now, {**report, "incident_id": incident.id}, cmd)
    _record_report(session, actor, new, now)
    return incident


def edit_draft(
    session: Session, actor: User, incident_id: int, cmd: dict[str, Any], now: datetime
) -> tuple[Incident, bool]:
    """Change fields of a draft (its author only); a submitted report answers 409: add an addendum instead."""

    def data_for(incident: Incident) -> dict[str, Any]:
        if incident.status != DRAFT:
            raise Conflict(f"this report was {incident.status}; it cannot change now — add an addendum")
        if incident.author_id != actor.id:
            raise Forbidden("only the author edits a draft")
        changes = _report(cmd)
        check_report(session, session.get(Unit, incident.unit_id), {**incident.report, **changes}, now)
        return {"incident_id": incident.id, **changes}

    _event, is_new = write(
        session,
        actor,
        action="incidents.draft.edit",
        kind=DRAFT_EDITED,
        uid=cmd["uid"],
        body={"incident_id": incident_id, **cmd},
        whose=lambda: scoped_incident(session, actor, incident_id, lock=True),
        data_for=data_for,
        occurred_at=now,
        now=now,
    )
    return session.get(Incident, incident_id), is_new  # the scoped incident, from the session's identity map


def _wrong_step(incident: Incident, step: str) -> Conflict:
    return Conflict(f"cannot {step} a report that is {incident.status}")


def submit(
    session: Session, actor: User, incident_id: int, cmd: dict[str, Any], now: datetime
) -> tuple[Incident, bool]:
    """Submit a draft (its author, a nurse or a lead): complete or 422 naming what is missing; alerts the nurses."""

    def data_for(incident: Incident) -> dict[str, Any]:
        if incident.status != DRAFT:
            raise _wrong_step(incident, "submit")
        if incident.author_id != actor.id and not may(actor, "incidents.submit.others"):
            raise Forbidden("only the author, a nurse or a lead submits a draft")
        if missing := missing_to_submit(incident.report):
            raise Invalid("the draft is not complete: " + ", ".join(sorted(missing)), missing)
        check_report(session, session.get(Unit, incident.unit_id), incident.report, now)
        return {**incident.report, "incident_id": incident.id, "note": cmd.get("note")}

    _event, is_new = _step(session, actor, "incidents.submit", incident_id, "submit", SUBMITTED, cmd, data_for, now)
    incident = session.get(Incident, incident_id)  # the scoped incident, from the session's identity map
    if is_new:
        open_from_report(session, actor, incident, now)
    return incident, is_new


def _step(
    session: Session,
    actor: User,
    action: str,
    incident_id: int,
    step: str,
    kind: str,
    cmd: dict[str, Any],
    data_for: Callable[[Incident], dict[str, Any]],
    now: datetime,
) -> tuple[Event, bool]:
    """A step of a report's workflow; sent again with its uid it is answered as stored (a step may come without one)."""
    return write(
        session,
        actor,
        action=action,
        kind=kind,
        uid=str(cmd.get("uid") or uuid.uuid4()),
        body={"incident_id": incident_id, "step": step, **cmd},
        whose=lambda: scoped_incident(session, actor, incident_id, lock=True),
        data_for=data_for,
        occurred_at=now,
        now=now,
    )


def _advance(
    session: Session,
    actor: User,
    action: str,
    incident_id: int,
    cmd: dict[str, Any],
    now: datetime,
    step: str,
    kind: str,
    before: str,
) -> tuple[Incident, bool]:
    def data_for(incident: Incident) -> dict[str, Any]:
        if incident.status != before:
            raise _wrong_step(incident, step)
        if kind == CLOSED and (running := running_episodes(session, incident.id)):
            raise Conflict(f"{len(running)} episode(s) of this incident still running; end them first")
        return {"incident_id": incident.id, "note": cmd.get("note")}

    _event, is_new = _step(session, actor, action, incident_id, step, kind, cmd, data_for, now)
    return session.get(Incident, incident_id), is_new


def review(
    session: Session, actor: User, incident_id: int, cmd: dict[str, Any], now: datetime
) -> tuple[Incident, bool]:
    """A nurse (or lead) has reviewed a submitted report."""
    return _advance(session, actor, "incidents.review", incident_id, cmd, now, "review", REVIEWED, SUBMITTED_STATUS)


def close(session: Session, actor: User, incident_id: int, cmd: dict[str, Any], now: datetime) -> tuple[Incident, bool]:
    """A lead closes a reviewed report after the debrief."""
    return _advance(session, actor, "incidents.close", incident_id, cmd, now, "close", CLOSED, REVIEWED_STATUS)


def add_addendum(
    session: Session, actor: User, incident_id: int, cmd: dict[str, Any], now: datetime
) -> tuple[IncidentAddendum, bool]:
    """A later word on a submitted report, by anyone of the unit; the report itself stays as submitted."""

    def data_for(incident: Incident) -> dict[str, Any]:
        if incident.status == DRAFT:
            raise Conflict("a draft is edited, not given addenda; submit it first")
        return {"incident_id": incident.id, "text": cmd["text"]}

    event, is_new = write(
        session,
        actor,
        action="incidents.addendum.add",
        kind=ADDENDUM,
        uid=cmd["uid"],
        body={"incident_id": incident_id, **cmd},
        whose=lambda: scoped_incident(session, actor, incident_id, lock=True),
        data_for=data_for,
        occurred_at=now,
        now=now,
    )
    return addendum_of(session, event.uid), is_new


def list_incidents(session: Session, actor: User, query: dict[str, Any]) -> dict[str, Any]:
    """A unit's reports (by status when asked), ordered by id, paged by after_id."""
    unit = unit_for(session, actor, query["unit_id"])
    stmt = select(Incident).where(Incident.unit_id == unit.id, Incident.id > query.get("after_id", 0))
    if query.get("status"):
        stmt = stmt.where(Incident.status == query["status"])
    page = page_of(session, stmt.order_by(Incident.id), query.get("limit", 100))
    record_access(session, actor.id, "read:incidents", target=f"unit:{unit.id}")
    return {**page, "items": [summary_view(session, i) for i in page["items"]]}


def read_incident(session: Session, actor: User, incident_id: int, now: datetime) -> dict[str, Any]:
    """One report with its status history, addenda and episodes (audited)."""
    incident = scoped_incident(session, actor, incident_id)
    record_access(session, actor.id, "read:incident", target=f"incident:{incident.id}")
    return incident_view(session, incident, now)


def file_mandated_report(
    session: Session, actor: User, incident_id: int, cmd: dict[str, Any], now: datetime
) -> tuple[dict[str, Any], bool]:
    """A report of the incident made to an outside agency (nurse, lead, clinician): whom, when, how, the reference.
    It answers the incident's `mandated_report_due`."""

    def data_for(incident: Incident) -> dict[str, Any]:
        if incident.status == DRAFT:
            raise Conflict("a draft is told to no agency yet; submit it first")
        if incident.occurred_at is not None and cmd["reported_at"] < incident.occurred_at:
            raise Invalid.field("reported_at", "is before the incident happened")
        keys = ("agency", "reported_at", "method", "reference")
        return {"incident_id": incident.id, **{key: cmd.get(key) for key in keys}}

    event, is_new = write(
        session,
        actor,
        action="incidents.mandated_report.file",
        kind=MANDATED_REPORT,
        uid=cmd["uid"],
        body={"incident_id": incident_id, **cmd},
        whose=lambda: scoped_incident(session, actor, incident_id, lock=True),
        data_for=data_for,
        occurred_at=now,
        now=now,
    )
    return mandated_report_view(event, staff_names(session, {event.actor_id})), is_new
