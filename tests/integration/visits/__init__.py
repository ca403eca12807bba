"""A throwaway domain the tests add to the app: family visits, one kind, recorded offline through sync.

It is built the way README "Adding a domain" says and touches nothing of the application's own: its schemas,
its use case, its handler, its handoff section, its page and its templates live here, and it joins the app
through `create_app(config, domains=[*DOMAINS, DOMAIN])` alone. It keeps no table of its own (the log is
enough for it), so it needs no migration.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, render_template
from marshmallow import Schema, fields, validate
from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.census.scope import ensure_active, resident_for, unit_for
from facility.domain import Domain, HandoffSection, Kind, NavEntry, SyncType, Web
from facility.errors import DomainError
from facility.extensions import db
from facility.http import actor, commit_read
from facility.permissions import permits
from facility.records.log import NewEvent, find_replay
from facility.records.models import Event
from facility.records.services import record
from facility.schemas import occurred_at
from facility.sections import Contribution

VISITED = "visit.recorded"

# The records the handler has seen, by uid: what a domain's reaction would act on.
HANDLED: list[str] = []


class VisitData(Schema):
    """The data of a visit as the log keeps it."""

    visitor = fields.String(required=True, validate=validate.Length(min=1, max=80))
    minutes = fields.Integer(required=True, validate=validate.Range(min=1, max=600))


class VisitIn(VisitData):
    """A visit as the tablet sends it."""

    uid = fields.UUID(required=True)
    resident_id = fields.Integer(required=True)
    occurred_at = occurred_at(required=True)


def record_visit(session: Session, actor: Any, cmd: dict[str, Any], now: datetime) -> tuple[Event, bool]:
    """Store a visit to one of the caller's residents."""
    resident = resident_for(session, actor, cmd["resident_id"])
    if (stored := find_replay(session, cmd["uid"], cmd, VISITED)) is not None:
        return stored, False
    ensure_active(resident)
    data = {"visitor": cmd["visitor"], "minutes": cmd["minutes"]}
    return record(
        session, actor, NewEvent(VISITED, cmd["uid"], resident.unit_id, resident.id, cmd["occurred_at"], data, cmd), now
    )


def on_visit(session: Session, stored: Any, now: datetime) -> list:
    """Note the visit; a real domain would gather state here and return its rules' outcomes."""
    HANDLED.append(stored.uid)
    return []


def visits_in_handoff(facts: Any) -> Contribution:
    """The shift's visits: how many, by whom, and a line on each visited resident."""
    visits = facts.of_kind(VISITED)
    contribution = Contribution("visits", {"count": len(visits), "visitors": [v.data["visitor"] for v in visits]})
    for visit in visits:
        contribution.note(visit.resident_id).events.append(f"visited by {visit.data['visitor']}")
    return contribution


pages = Blueprint("visits_pages", __name__, template_folder=str(Path(__file__).parent / "templates"))


@pages.route("/units/<int:unit_id>/visits")
@permits("residents.read")
def visits_page(unit_id: int):
    """The unit's visits, newest first."""
    try:
        unit = unit_for(db.session, actor(), unit_id)
    except DomainError:
        abort(404)
    visits = db.session.scalars(
        select(Event).where(Event.kind == VISITED, Event.unit_id == unit.id).order_by(Event.occurred_at.desc())
    ).all()
    commit_read(db.session)
    return render_template("visits/visits.html", unit=unit, visits=visits)


DOMAIN = Domain(
    name="visits",
    kinds=(Kind(VISITED, VisitData, (on_visit,), describe=lambda data: f"visited by {data['visitor']}"),),
    handoff=(HandoffSection("visits", visits_in_handoff, "visits/_handoff.html"),),
    web=Web(
        pages=pages,
        nav=(NavEntry("visits", "visits_pages.visits_page", "residents.read", per_unit=True),),
        sync=(SyncType("visit", VisitIn, record_visit),),
    ),
)
