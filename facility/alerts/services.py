"""Storing alerts: raise once per condition, resolve, acknowledge, escalate, replay."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from facility.alerts.models import Alert
from facility.alerts.notifier import push_after_commit, unit_room
from facility.alerts.rules import AlertDraft, OpenAlert, Resolve, Upgrade, escalation
from facility.audit.services import record_access
from facility.auth.access import require_role
from facility.auth.models import Role, User
from facility.census.models import Resident
from facility.errors import Conflict, NotFound
from facility.records.models import Event

REPLAY_LIMIT = 500


def payload(session: Session, alert: Alert) -> dict[str, Any]:
    """The `alert` push of API.md: first name, last initial and room, nothing more."""
    resident = session.get(Resident, alert.resident_id) if alert.resident_id else None
    return {
        "id": alert.id, "kind": alert.kind, "severity": alert.severity, "unit_id": alert.unit_id,
        "resident_id": alert.resident_id, "resident_display": resident.display_name if resident else None,
        "message": alert.message, "raised_at": alert.raised_at.isoformat(), "source_uid": alert.source_uid,
        "acknowledged_at": alert.acknowledged_at.isoformat() if alert.acknowledged_at else None,
    }


def open_alert(session: Session, condition: str) -> Alert | None:
    return session.scalar(select(Alert).where(Alert.condition == condition, Alert.resolved_at.is_(None)))


def raise_alert(session: Session, draft: AlertDraft, now: datetime) -> Alert | None:
    """Store the alert unless its condition is open already; push it after the commit."""
    if open_alert(session, draft.condition) is not None:
        return None
    alert = Alert(kind=draft.kind, severity=draft.severity, unit_id=draft.unit_id, resident_id=draft.resident_id,
                  condition=draft.condition, message=draft.message, source_uid=draft.source_uid, raised_at=now)
    try:
        with session.begin_nested():
            session.add(alert)
    except IntegrityError:  # a concurrent writer raised the same condition first
        return None
    push_after_commit(session, "alert", payload(session, alert), unit_room(alert.unit_id))
    return alert


def resolve(session: Session, condition: str, how: str, now: datetime) -> Alert | None:
    """Close the open alert of condition, if any, saying how."""
    alert = open_alert(session, condition)
    if alert is None:
        return None
    alert.resolved_at, alert.resolved_how = now, how
    push_after_commit(session, "alert_resolved", {"id": alert.id, "resolved_at": now.isoformat()},
                      unit_room(alert.unit_id))
    escalated = open_alert(session, f"escalated:{alert.id}")
    if escalated is not None:
        resolve(session, escalated.condition, f"original resolved: {how}", now)
    return alert


def apply(session: Session, outcomes: list[AlertDraft | Resolve], now: datetime) -> list[Alert]:
    """Carry out what rules returned: raise the drafts, resolve the cleared conditions."""
    raised = []
    for outcome in outcomes:
        if isinstance(outcome, Resolve):
            resolve(session, outcome.condition, outcome.how, now)
        elif (alert := raise_alert(session, outcome, now)) is not None:
            raised.append(alert)
    return raised


def on_event(session: Session, event: Event, now: datetime) -> list[Alert]:
    """Run the registered handlers of event's kind in the current transaction and store what they raise."""
    from facility.registry import EVENT_HANDLERS

    outcomes = [o for handler in EVENT_HANDLERS.get(event.kind, []) for o in handler(session, event, now)]
    return apply(session, outcomes, now)


def acknowledge(session: Session, actor: User, alert_id: int, note: str | None, now: datetime) -> Alert:
    """A nurse or lead takes responsibility for an alert; every console of the unit hears of it."""
    require_role(actor, Role.NURSE, Role.LEAD)
    alert = session.get(Alert, alert_id)
    if alert is None or alert.unit_id not in actor.unit_ids:
        raise NotFound("no such alert")
    if alert.acknowledged_at is not None:
        raise Conflict("this alert was acknowledged already")
    alert.acknowledged_at, alert.acknowledged_by_id, alert.ack_note = now, actor.id, note
    record_access(session, actor.id, "alert.acknowledged", target=f"alert:{alert.id}", resident_id=alert.resident_id)
    push_after_commit(session, "alert_acked",
                      {"id": alert.id, "acknowledged_by": actor.name, "acknowledged_at": now.isoformat()},
                      unit_room(alert.unit_id))
    escalated = open_alert(session, f"escalated:{alert.id}")
    if escalated is not None:
        resolve(session, escalated.condition, "original acknowledged", now)
    return alert


def list_alerts(session: Session, actor: User, query: dict[str, Any]) -> tuple[list[Alert], int | None]:
    """Alerts of the caller's units (or one of them), ordered by id, paged by after_id."""
    require_role(actor, Role.NURSE, Role.LEAD)
    units = actor.unit_ids
    if query.get("unit_id") is not None:
        if query["unit_id"] not in units:
            raise NotFound("no such unit")
        units = [query["unit_id"]]
    stmt = select(Alert).where(Alert.unit_id.in_(units), Alert.id > query.get("after_id", 0))
    status = query.get("status")
    if status == "open":
        stmt = stmt.where(Alert.resolved_at.is_(None), Alert.acknowledged_at.is_(None))
    elif status == "acknowledged":
        stmt = stmt.where(Alert.resolved_at.is_(None), Alert.acknowledged_at.is_not(None))
    elif status == "resolved":
        stmt = stmt.where(Alert.resolved_at.is_not(None))
    limit = query.get("limit", 100)
    rows = list(session.scalars(stmt.order_by(Alert.id).limit(limit + 1)))
    more = len(rows) > limit
    return rows[:limit], (rows[limit - 1].id if more else None)


def missed_since(session: Session, unit_ids: list[int], after_id: int) -> list[Alert] | None:
    """Alerts of the units after after_id, oldest first; None when more than can be replayed."""
    where = (Alert.unit_id.in_(unit_ids), Alert.id > after_id)
    if session.scalar(select(func.count()).select_from(Alert).where(*where)) > REPLAY_LIMIT:
        return None
    return list(session.scalars(select(Alert).where(*where).order_by(Alert.id)))


def escalate(session: Session, now: datetime) -> list[Alert]:
    """The escalation sweep over every open, unacknowledged alert."""
    rows = list(session.scalars(select(Alert).where(Alert.resolved_at.is_(None), Alert.acknowledged_at.is_(None))))
    config = current_app.config
    actions = escalation(
        [OpenAlert(a.id, a.kind, a.severity, a.unit_id, a.resident_id, a.message, a.raised_at, a.escalated_at, False)
         for a in rows],
        now,
        timedelta(seconds=config.get("ESCALATE_CRITICAL_SECONDS", 120)),
        timedelta(seconds=config.get("ESCALATE_WARNING_SECONDS", 600)),
    )
    by_id = {a.id: a for a in rows}
    raised = []
    for action in actions:
        if isinstance(action, Upgrade):
            alert = by_id[action.alert_id]
            alert.severity, alert.escalated_at = "critical", now
            push_after_commit(session, "alert", payload(session, alert), unit_room(alert.unit_id))
        elif (alert := raise_alert(session, action, now)) is not None:
            raised.append(alert)
    return raised
