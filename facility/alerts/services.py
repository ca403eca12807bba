"""Storing alerts: raise once per condition, resolve, acknowledge, escalate, replay."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select, text, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from facility.alerts.models import Alert
from facility.alerts.notifier import push_to_unit
from facility.alerts.rules import LEADS_ONLY, OpenAlert, Upgrade, escalation, escalation_condition
from facility.auth.models import User
from facility.errors import Conflict, NotFound
from facility.outcomes import AlertDraft, Resolve
from facility.paging import page_of
from facility.permissions import may, require
from facility.records.audit import record_access

REPLAY_LIMIT = 500
ALERT_WRITE_LOCK = 0x616C657274  # "alert": the advisory lock that orders alert commits on PostgreSQL


def payload(alert: Alert) -> dict[str, Any]:
    """The `alert` push of API.md: first name, last initial and room, nothing more."""
    return {
        "id": alert.id,
        "kind": alert.kind,
        "severity": alert.severity,
        "unit_id": alert.unit_id,
        "resident_id": alert.resident_id,
        "resident_display": alert.resident_display,
        "message": alert.message,
        "raised_at": alert.raised_at.isoformat(),
        "source_uid": alert.source_uid,
        "acknowledged_at": alert.acknowledged_at.isoformat() if alert.acknowledged_at else None,
        "link": alert.link,
    }


def push(session: Session, event: str, body: dict[str, Any], alert: Alert) -> None:
    """Push news of alert after the commit to its audience: the unit, or its leads for an escalation."""
    push_to_unit(session, event, body, alert.unit_id, leads_only=alert.kind in LEADS_ONLY)


def visible(user: User) -> Any:
    """Which alerts a user's consoles show: escalations are for leads."""
    return true() if may(user, "alerts.read.leads_only") else Alert.kind.not_in(LEADS_ONLY)


def serialize_alert_writes(session: Session) -> None:
    """Hold the alerts write lock until this transaction ends, so alert ids commit in the order they are given.

    Consoles replay "every alert after the last id I saw"; that is exact only if no alert with a smaller id can
    commit after a larger one. On PostgreSQL two transactions could do just that, so every transaction that
    writes an alert row takes one advisory lock first (before any alert row lock, so they cannot deadlock).
    SQLite already lets one writer at a time.
    """
    if session.get_bind().dialect.name == "postgresql":  # re-taking a held lock is cheap and stacks
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ALERT_WRITE_LOCK})


def open_alert(session: Session, condition: str) -> Alert | None:
    """The unresolved alert holding condition, if any."""
    return session.scalar(select(Alert).where(Alert.condition == condition, Alert.resolved_at.is_(None)))


def raise_alert(session: Session, draft: AlertDraft, now: datetime) -> Alert | None:
    """Store the alert unless its condition is open already; push it after the commit."""
    if open_alert(session, draft.condition) is not None:
        return None
    return _insert(session, draft, now)


def _insert(session: Session, draft: AlertDraft, now: datetime) -> Alert | None:
    serialize_alert_writes(session)
    alert = Alert(
        kind=draft.kind,
        severity=draft.severity,
        unit_id=draft.unit_id,
        resident_id=draft.resident_id,
        condition=draft.condition,
        message=draft.message,
        source_uid=draft.source_uid,
        raised_at=now,
    )
    try:
        with session.begin_nested():
            session.add(alert)
    except IntegrityError:  # a concurrent writer raised the same condition first
        return None
    push(session, "alert", payload(alert), alert)
    return alert


def resolve(session: Session, condition: str, how: str, now: datetime) -> Alert | None:
    """Close the open alert of condition, if any, saying how."""
    alert = open_alert(session, condition)
    if alert is not None:
        _close(session, alert, how, now)
    return alert


def _close(session: Session, alert: Alert, how: str, now: datetime) -> None:
    serialize_alert_writes(session)
    alert.resolved_at, alert.resolved_how = now, how
    push(session, "alert_resolved", {"id": alert.id, "resolved_at": now.isoformat()}, alert)
    escalated = open_alert(session, escalation_condition(alert.id))
    if escalated is not None:
        _close(session, escalated, f"original resolved: {how}"[:120], now)


def apply(session: Session, outcomes: list[AlertDraft | Resolve], now: datetime) -> list[Alert]:
    """Carry out what rules returned: raise the drafts, resolve the cleared conditions.

    The open alerts of every condition named are read in one query, not one per outcome.
    """
    if not outcomes:
        return []
    conditions = {outcome.condition for outcome in outcomes}
    open_now = {
        a.condition: a
        for a in session.scalars(select(Alert).where(Alert.condition.in_(conditions), Alert.resolved_at.is_(None)))
    }
    raised = []
    for outcome in outcomes:
        if isinstance(outcome, Resolve):
            if (alert := open_now.pop(outcome.condition, None)) is not None:
                _close(session, alert, outcome.how, now)
        elif outcome.condition not in open_now and (alert := _insert(session, outcome, now)) is not None:
            open_now[outcome.condition] = alert
            raised.append(alert)
    return raised


def open_conditions_from(session: Session, source_uid: str) -> list[str]:
    """Conditions of the open alerts that a record raised."""
    return list(
        session.scalars(
            select(Alert.condition)
            .where(Alert.source_uid == str(source_uid), Alert.resolved_at.is_(None))
            .order_by(Alert.id)
        )
    )


def acknowledge(session: Session, actor: User, alert_id: int, note: str | None, now: datetime) -> Alert:
    """A nurse or lead takes responsibility for an alert; every console of the unit hears of it."""
    require(actor, "alerts.acknowledge")
    alert = session.get(Alert, alert_id)
    hidden = alert is not None and alert.kind in LEADS_ONLY and not may(actor, "alerts.read.leads_only")
    if alert is None or alert.unit_id not in actor.unit_ids or hidden:
        raise NotFound("no such alert")
    if alert.acknowledged_at is not None:
        raise Conflict("this alert was acknowledged already")
    serialize_alert_writes(session)
    # the relationship, not only its id: the answer names who acknowledged, as the push does
    alert.acknowledged_at, alert.acknowledged_by, alert.ack_note = now, actor, note
    record_access(session, actor.id, "alert.acknowledged", target=f"alert:{alert.id}", resident_id=alert.resident_id)
    push(
        session,
        "alert_acked",
        {"id": alert.id, "acknowledged_by": actor.name, "acknowledged_at": now.isoformat()},
        alert,
    )
    escalated = open_alert(session, escalation_condition(alert.id))
    if escalated is not None:
        resolve(session, escalated.condition, "original acknowledged", now)
    return alert


def list_alerts(session: Session, actor: User, query: dict[str, Any]) -> dict[str, Any]:
    """Alerts of the caller's units (or one of them), ordered by id, paged by after_id."""
    require(actor, "alerts.read")
    units = actor.unit_ids
    if query.get("unit_id") is not None:
        if query["unit_id"] not in units:
            raise NotFound("no such unit")
        units = [query["unit_id"]]
    stmt = select(Alert).where(Alert.unit_id.in_(units), Alert.id > query.get("after_id", 0), visible(actor))
    status = query.get("status")
    if status == "open":
        stmt = stmt.where(Alert.resolved_at.is_(None), Alert.acknowledged_at.is_(None))
    elif status == "acknowledged":
        stmt = stmt.where(Alert.resolved_at.is_(None), Alert.acknowledged_at.is_not(None))
    elif status == "resolved":
        stmt = stmt.where(Alert.resolved_at.is_not(None))
    return page_of(session, stmt.order_by(Alert.id), query.get("limit", 100))


def missed_since(session: Session, user: User, after_id: int) -> list[Alert] | None:
    """Alerts of user's units after after_id, oldest first; None when more than can be replayed."""
    where = (Alert.unit_id.in_(user.unit_ids), Alert.id > after_id, visible(user))
    if session.scalar(select(func.count()).select_from(Alert).where(*where)) > REPLAY_LIMIT:
        return None
    return list(session.scalars(select(Alert).where(*where).order_by(Alert.id)))


def escalate(session: Session, now: datetime) -> list[Alert]:
    """The escalation sweep over every open, unacknowledged alert."""
    rows = list(session.scalars(select(Alert).where(Alert.resolved_at.is_(None), Alert.acknowledged_at.is_(None))))
    config = current_app.config
    actions = escalation(
        [
            OpenAlert(a.id, a.kind, a.severity, a.unit_id, a.resident_id, a.message, a.raised_at, a.escalated_at, False)
            for a in rows
        ],
        now,
        timedelta(seconds=config["ESCALATE_CRITICAL_SECONDS"]),
        timedelta(seconds=config["ESCALATE_WARNING_SECONDS"]),
    )
    by_id = {a.id: a for a in rows}
    if actions:
        serialize_alert_writes(session)
    raised = []
    for action in actions:
        if isinstance(action, Upgrade):
            alert = by_id[action.alert_id]
            alert.severity, alert.escalated_at = "critical", now
            push(session, "alert", payload(alert), alert)  # same id: consoles update it in place
        elif (alert := raise_alert(session, action.draft, now)) is not None:
            by_id[action.alert_id].escalated_at = now
            raised.append(alert)
    return raised
