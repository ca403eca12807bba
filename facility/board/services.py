"""The board: a unit's residents as the tablet shows them, gathered from the census, rounds and alerts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.alerts.models import Alert
from facility.auth.models import User
from facility.census.models import Resident
from facility.census.scope import unit_for
from facility.domain import registry
from facility.records.audit import record_access
from facility.rounds.assignments import assigned_at
from facility.rounds.due import RoundState, board_status
from facility.rounds.presence import scan_required
from facility.rounds.state import absent_now, recent_absences, round_states
from facility.timeutil import facility_zone, local_day


def _open_alerts(session: Session, unit_id: int) -> dict[int, list[Alert]]:
    """The unit's unresolved alerts per resident, oldest first."""
    by_resident: dict[int, list[Alert]] = {}
    for alert in session.scalars(
        select(Alert).where(Alert.unit_id == unit_id, Alert.resolved_at.is_(None)).order_by(Alert.id)
    ):
        by_resident.setdefault(alert.resident_id, []).append(alert)
    return by_resident


def _not_seen(state: RoundState) -> dict[str, Any] | None:
    """Why and since when nobody has seen the resident on a check (missing, breathing not seen), or None."""
    unseen = state.unseen
    return {"reason": unseen.reason, "since": unseen.at} if unseen else None


def board(session: Session, actor: User, unit_id: int, now: datetime) -> dict[str, Any]:
    """The unit's residents with level, last check, next due and status, soonest due first."""
    unit = unit_for(session, actor, unit_id)
    residents = list(
        session.scalars(select(Resident).where(Resident.unit_id == unit.id, Resident.discharged_at.is_(None)))
    )
    absences = recent_absences(session, [r.id for r in residents], now)
    states = round_states(session, residents, now, absences)
    away = absent_now(absences, now)
    open_alerts = _open_alerts(session, unit.id)
    assigned = assigned_at(session, [unit.id], now)
    # What each resident has today (an appointment outside the unit), as the domain that owns it says it.
    today: dict[int, list[dict[str, Any]]] = {}
    for item in registry().day(session, [r.id for r in residents], *local_day(now, facility_zone())):
        today.setdefault(item.resident_id, []).append({"at": item.at, "line": item.line, "uid": item.uid})
    rows = []
    for resident in residents:
        state = states[resident.id]
        alerts_of = open_alerts.get(resident.id, [])
        absence = away.get(resident.id)
        assignee = assigned.get(resident.id)
        rows.append(
            {
                "off_unit": absence is not None,
                "off_unit_escorted": bool(absence and absence.escorted),
                "off_unit_label": absence.label if absence else None,
                "id": resident.id,
                "display_name": resident.display_name,
                "room": resident.room,
                "observation_level": resident.observation_level,
                "precautions": resident.precautions,
                "last_check_at": state.last_check_at,
                "next_check_due_at": state.board_due_at,
                "status": board_status(state, now),
                "open_alerts": len(alerts_of),
                "not_seen": _not_seen(state),
                "alerts": alerts_of,
                "assigned_user_id": assignee.id if assignee else None,
                "assigned_name": assignee.name if assignee else None,
                "scan_required": scan_required(unit, resident.observation_level),
                "today": today.get(resident.id, []),
            }
        )
    # Residents out with an escort have nothing falling due: they go after everyone who does.
    rows.sort(key=lambda row: (row["off_unit_escorted"], row["next_check_due_at"], row["room"]))
    record_access(session, actor.id, "read:board", target=f"unit:{unit.id}")
    return {"unit": unit, "now": now, "residents": rows}
