"""Case-management use cases: a resident's primary case manager, needs assessments, the resource directory."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.actors import Actor
from facility.auth.models import User
from facility.auth.services import staff_names
from facility.casework.codes import CASE_MANAGER_SET, NEEDS_ASSESSED
from facility.casework.models import CaseManager, NeedsAssessment, Resource
from facility.casework.rules import name_key, review_due_at
from facility.census.models import Resident
from facility.census.scope import resident_for
from facility.census.writes import record_about_resident
from facility.errors import Conflict, Invalid
from facility.permissions import Role, require
from facility.records.audit import record_access
from facility.records.log import fingerprint


def case_manager_view(session: Session, row: CaseManager) -> dict[str, Any]:
    """Who manages the resident's case, who said so and when."""
    names = staff_names(session, {row.user_id, row.assigned_by_id})
    return {
        "resident_id": row.resident_id,
        "user_id": row.user_id,
        "name": names.get(row.user_id),
        "assigned_by": names.get(row.assigned_by_id),
        "assigned_at": row.assigned_at,
    }


def assign_case_manager(
    session: Session, actor: Actor, resident_id: int, cmd: dict[str, Any], now: datetime
) -> dict[str, Any]:
    """Make a case manager of the resident's unit their primary case manager (lead, admin): a new event each time."""

    def data_for(resident: Resident) -> dict[str, Any]:
        user = session.get(User, cmd["user_id"])
        if user is None or not user.active or user.role != Role.CASE_MANAGER:
            raise Invalid.field("user_id", "not an active case manager")
        if resident.unit_id not in user.unit_ids:
            raise Invalid.field("user_id", "this case manager does not work on the resident's unit")
        return {"user_id": user.id}

    # A PUT carries no uid of its own: the assignment is a new record each time, at the server's time.
    body = {"uid": str(uuid.uuid4()), "resident_id": resident_id, **cmd}
    record_about_resident(
        session, actor, body, CASE_MANAGER_SET, "casework.case_manager.assign", data_for, now, occurred_at=now
    )
    return case_manager_view(session, session.get(CaseManager, resident_id))


def needs_view(session: Session, row: NeedsAssessment) -> dict[str, Any]:
    """A needs assessment as the API answers it."""
    return {
        **{c.key: getattr(row, c.key) for c in NeedsAssessment.__table__.columns},
        "assessed_by": staff_names(session, {row.assessed_by_id}).get(row.assessed_by_id),
        "next_review_due": review_due_at(row.assessed_at),
    }


def assess_needs(
    session: Session, actor: Actor, resident_id: int, cmd: dict[str, Any], now: datetime
) -> tuple[dict[str, Any], bool]:
    """The 16 life domains rated by the resident or by staff (case manager): a `needs.assessed` event."""
    body = {"resident_id": resident_id, **cmd}
    data = {"rater": cmd["rater"], "ratings": cmd["ratings"], "note": cmd.get("note")}
    _event, is_new = record_about_resident(
        session, actor, body, NEEDS_ASSESSED, "casework.needs.assess", lambda _r: data, now
    )
    row = session.scalar(select(NeedsAssessment).where(NeedsAssessment.uid == str(cmd["uid"])))
    return needs_view(session, row), is_new


def list_needs(session: Session, actor: Actor, resident_id: int) -> list[dict[str, Any]]:
    """The resident's needs assessments, oldest first (the read is audited)."""
    resident = resident_for(session, actor, resident_id)
    record_access(session, actor.id, "read:needs", target=f"resident:{resident.id}", resident_id=resident.id)
    rows = session.scalars(
        select(NeedsAssessment)
        .where(NeedsAssessment.resident_id == resident.id)
        .order_by(NeedsAssessment.assessed_at, NeedsAssessment.id)
    )
    return [needs_view(session, row) for row in rows]


RESOURCE_FIELDS = ("name", "service_types", "phone", "address", "note")


def add_resource(session: Session, actor: Actor, cmd: dict[str, Any], now: datetime) -> tuple[Resource, bool]:
    """An organisation joins the community resource directory (case manager, lead, admin); idempotent by uid."""
    require(actor, "casework.resources.add")
    digest = fingerprint(cmd)
    stored = session.scalar(select(Resource).where(Resource.uid == str(cmd["uid"])))
    if stored is not None:
        if stored.body_hash != digest:
            raise Conflict(f"uid {cmd['uid']} was already used for a different record")
        return stored, False
    types = sorted({" ".join(t.split()).lower() for t in cmd["service_types"]})
    row = Resource(
        uid=str(cmd["uid"]),
        name_key=name_key(cmd["name"]),
        added_by_id=actor.id,
        added_at=now,
        body_hash=digest,
        **{name: cmd.get(name) for name in RESOURCE_FIELDS if name != "service_types"},
        service_types=types,
    )
    session.add(row)
    session.flush()
    return row, True


def search_resources(session: Session, actor: Actor, q: str, limit: int) -> list[Resource]:
    """The directory's organisations whose name or a service type holds q (all of them for no q), by name."""
    require(actor, "casework.resources.read")
    wanted = name_key(q)
    rows = session.scalars(select(Resource).order_by(Resource.name_key, Resource.id))
    # The directory is a few hundred organisations at most: matched here, alike on SQLite and PostgreSQL.
    found = [r for r in rows if not wanted or wanted in r.name_key or any(wanted in t for t in r.service_types)]
    return found[:limit]
