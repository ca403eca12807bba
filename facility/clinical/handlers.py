"""Adapters between the store and the pure clinical rules: keep the assessments' projection, call the rule."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.census.models import Resident
from facility.clinical.instruments import catalogue
from facility.clinical.models import Assessment
from facility.clinical.rules import AdministrationFacts, administration_outcomes
from facility.outcomes import Outcome


def project_assessment(session: Session, record: Any) -> Assessment:
    """The row of a stored administration, as its event says."""
    row = session.scalar(select(Assessment).where(Assessment.uid == record.uid))
    data = record.data
    if row is None:
        row = Assessment(uid=record.uid)
        session.add(row)
    row.resident_id = record.resident_id
    row.unit_id = record.unit_id
    row.instrument = data["instrument"]
    row.version = data.get("version") or ""
    row.occurred_at = record.occurred_at
    row.administered_by_id = record.actor_id
    row.informant = data.get("informant") or "resident"
    row.answers = dict(data.get("answers") or {})
    row.status = data["status"]
    row.total = data.get("total")
    row.band = data.get("band")
    row.critical_items = list(data.get("critical_items") or [])
    row.incomplete_reason = data.get("incomplete_reason")
    session.flush()
    return row


def on_assessed(session: Session, record: Any, _now: datetime) -> list[Outcome]:
    """A stored administration: its row, then the alerts of its critical items (to the unit's nurses at once)."""
    row = project_assessment(session, record)
    instrument = catalogue().get(row.instrument)
    if instrument is None or not row.critical_items:
        return []
    resident = session.get(Resident, row.resident_id)
    facts = AdministrationFacts(
        row.uid, row.unit_id, resident.id, resident.display_name, dict(row.answers), tuple(row.critical_items)
    )
    return list(administration_outcomes(facts, instrument))
