"""Handoff use cases: gather a shift's facts, build once, catch up, list, read, acknowledge."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from facility.alerts.models import Alert
from facility.alerts.notifier import push_after_commit, role_room
from facility.auth.models import User
from facility.auth.services import staff_names
from facility.census.models import Resident, Unit
from facility.census.scope import unit_for
from facility.db import hold
from facility.domain import HandoffSection, registry
from facility.errors import Conflict, Invalid, NotFound
from facility.handoff.models import Handoff
from facility.handoff.summary import build_summary
from facility.logs import failing_once, recovered
from facility.paging import page_of
from facility.permissions import require, roles_for
from facility.records.audit import record_access
from facility.records.log import corrections_of, effective_data
from facility.records.models import Event
from facility.sections import AlertFact, EventFact, ResidentFact, ShiftFacts
from facility.timeutil import (
    ShiftWindow,
    completed_shifts,
    facility_zone,
    last_completed_shift,
    parse_hhmm,
    shift_containing,
)

CATCH_UP_DAYS = 7
log = logging.getLogger(__name__)


def unit_starts(unit: Unit) -> list:
    return [parse_hhmm(text) for text in unit.shift_starts]


def gather(session: Session, unit: Unit, window: ShiftWindow, sections: list[HandoffSection]) -> ShiftFacts:
    """Read one shift's facts with indexed queries bounded by the shift, never the whole history."""
    rows = list(
        session.scalars(
            select(Event)
            .where(
                Event.unit_id == unit.id,
                Event.occurred_at >= window.start,
                Event.occurred_at < window.end,
                Event.corrects_uid.is_(None),
            )
            .order_by(Event.occurred_at, Event.id)
        )
    )
    corrections = corrections_of(session, [r.uid for r in rows])
    events = []
    for row in rows:
        data = effective_data(row, corrections.get(row.uid, []))
        if data is not None:  # voided records drop out of the summary
            events.append(
                EventFact(row.uid, row.kind, row.resident_id, row.actor_id, row.occurred_at, data, row.late_entry)
            )
    residents = list(
        session.scalars(
            select(Resident).where(
                Resident.unit_id == unit.id,
                Resident.admitted_at < window.end,
                or_(Resident.discharged_at.is_(None), Resident.discharged_at >= window.start),
            )
        )
    )
    alerts = _shift_alerts(session, unit.id, window)
    extras = {section.name: section.gather(session, unit, window) for section in sections if section.gather}
    return ShiftFacts(
        unit_id=unit.id,
        unit_name=unit.name,
        window=window,
        residents=[
            ResidentFact(
                r.id, r.display_name, r.room, r.observation_level, tuple(r.precautions), r.admitted_at, r.discharged_at
            )
            for r in residents
        ],
        events=events,
        alerts=[
            AlertFact(a.id, a.kind, a.severity, a.resident_id, a.message, a.raised_at, a.acknowledged_at, a.resolved_at)
            for a in alerts
        ],
        extras=extras,
        staff_names=staff_names(session, {e.actor_id for e in events}),
    )


def _shift_alerts(session: Session, unit_id: int, window: ShiftWindow) -> list[Alert]:
    """Alerts raised in the shift, and older ones still open at its end (each by an index on time)."""
    raised = select(Alert).where(
        Alert.unit_id == unit_id, Alert.raised_at >= window.start, Alert.raised_at < window.end
    )
    still_open = select(Alert).where(
        Alert.unit_id == unit_id, Alert.resolved_at.is_(None), Alert.raised_at < window.start
    )
    closed_later = select(Alert).where(
        Alert.unit_id == unit_id, Alert.resolved_at >= window.end, Alert.raised_at < window.start
    )
    found = {a.id: a for stmt in (raised, still_open, closed_later) for a in session.scalars(stmt)}
    return [found[i] for i in sorted(found)]


def existing(session: Session, unit_id: int, shift_start: datetime) -> Handoff | None:
    return session.scalar(select(Handoff).where(Handoff.unit_id == unit_id, Handoff.shift_start == shift_start))


def build(session: Session, unit: Unit, window: ShiftWindow, now: datetime) -> tuple[Handoff, bool]:
    """The handoff of the shift: the stored one if any, else a new one (announced to leads and nurses)."""
    if (found := existing(session, unit.id, window.start)) is not None:
        return found, False
    sections = registry().handoff_sections
    summary = build_summary(gather(session, unit, window, sections), [s.fold for s in sections])
    handoff = Handoff(
        unit_id=unit.id, shift_start=window.start, shift_end=window.end, generated_at=now, summary=summary
    )
    try:
        with session.begin_nested():
            session.add(handoff)
    except IntegrityError:  # another scheduler or a lead built it a moment ago
        return existing(session, unit.id, window.start), False
    payload = {
        "id": handoff.id,
        "unit_id": unit.id,
        "shift_start": window.start.isoformat(),
        "shift_end": window.end.isoformat(),
    }
    for role in roles_for("handoff.read"):
        push_after_commit(session, "handoff_ready", payload, role_room(unit.id, role.value))
    return handoff, True


def build_missing(session: Session, now: datetime, days: int = CATCH_UP_DAYS) -> list[Handoff]:
    """Build every completed shift of the last `days` days that has no handoff (the boundary job and catch-up).

    Each unit is built in a savepoint of its own: one unit that cannot be built is logged and skipped, and
    the others' handoffs are still made.
    """
    built = []
    for unit in session.scalars(select(Unit).order_by(Unit.id)):
        try:
            with session.begin_nested():
                built += _build_missing_of(session, unit, now, days)
        except Exception:
            failing_once(log, f"handoff:{unit.id}", "building the handoffs of unit %s failed", unit.id)
        else:
            recovered(log, f"handoff:{unit.id}", "handoffs of unit %s build again", unit.id)
    return built


def _build_missing_of(session: Session, unit: Unit, now: datetime, days: int) -> list[Handoff]:
    first = session.scalar(select(func.min(Event.occurred_at)).where(Event.unit_id == unit.id))
    if first is None:
        return []  # nothing has happened on this unit yet
    since = max(now - timedelta(days=days), shift_containing(first, unit_starts(unit), facility_zone()).start)
    shifts = completed_shifts(since, now, unit_starts(unit), facility_zone())
    if not shifts:
        return []
    # A window overlapping a stored handoff was covered already (under the unit's earlier shift times).
    have = session.execute(
        select(Handoff.shift_start, Handoff.shift_end).where(
            Handoff.unit_id == unit.id, Handoff.shift_end > shifts[0].start
        )
    ).all()
    built = []
    for window in shifts:
        if not any(start < window.end and window.start < end for start, end in have):
            handoff, created = build(session, unit, window, now)
            if created:
                built.append(handoff)
    return built


def request_build(session: Session, actor: User, cmd: dict[str, Any], now: datetime) -> tuple[Handoff, bool]:
    """A lead asks for a shift's handoff (default: the last completed shift)."""
    require(actor, "handoff.build")
    unit = unit_for(session, actor, cmd["unit_id"])
    starts = unit_starts(unit)
    if cmd.get("shift_start") is None:
        window = last_completed_shift(now, starts, facility_zone())
    else:
        window = shift_containing(cmd["shift_start"], starts, facility_zone())
        if window.start != cmd["shift_start"]:
            raise Invalid.field("shift_start", "is not the start of one of the unit's shifts")
        if window.end > now:
            raise Invalid.field("shift_start", "that shift has not ended yet")
    return build(session, unit, window, now)


def list_handoffs(session: Session, actor: User, query: dict[str, Any]) -> dict[str, Any]:
    """A unit's handoffs, newest shift first; `after_id` (the last handoff seen) pages on to older shifts."""
    require(actor, "handoff.read")
    unit = unit_for(session, actor, query["unit_id"])
    stmt = select(Handoff).where(Handoff.unit_id == unit.id)
    # Catch-up builds older shifts after newer ones, so ids do not follow shifts: page by the shift itself.
    cursor = session.get(Handoff, query["after_id"]) if query.get("after_id") else None
    if cursor is not None:
        stmt = stmt.where(
            or_(
                Handoff.shift_start < cursor.shift_start,
                and_(Handoff.shift_start == cursor.shift_start, Handoff.id < cursor.id),
            )
        )
    return page_of(session, stmt.order_by(Handoff.shift_start.desc(), Handoff.id.desc()), query.get("limit", 100))


def get(session: Session, actor: User, handoff_id: int) -> Handoff:
    """One handoff of the caller's units; the read is audited."""
    require(actor, "handoff.read")
    handoff = session.get(Handoff, handoff_id)
    if handoff is None or handoff.unit_id not in actor.unit_ids:
        raise NotFound("no such handoff")
    record_access(session, actor.id, "read:handoff", target=f"handoff:{handoff.id}")
    return handoff


def acknowledge(session: Session, actor: User, handoff_id: int, note: str | None, now: datetime) -> Handoff:
    """The incoming lead confirms they have read the handoff."""
    require(actor, "handoff.acknowledge")
    handoff = get(session, actor, handoff_id)
    hold(session, Handoff, handoff.id)  # acknowledged twice at once: the second sees the first
    session.refresh(handoff)
    if handoff.acknowledged_at is not None:
        raise Conflict("this handoff was acknowledged already")
    handoff.acknowledged_at, handoff.acknowledged_by_id, handoff.ack_note = now, actor.id, note
    record_access(session, actor.id, "handoff.acknowledged", target=f"handoff:{handoff.id}")
    return handoff
