"""Raising alerts in tests the way a domain rule would: a draft stored in a session, then a commit."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from sqlalchemy import select

from facility.alerts import services
from facility.census.models import Resident
from facility.outcomes import AlertDraft

_conditions = itertools.count(1)


def resident_of(session, unit_name: str) -> Resident:
    """The first resident of a demo unit."""
    from facility.census.models import Unit

    return session.scalars(select(Resident).join(Unit).where(Unit.name == unit_name).order_by(Resident.id)).first()


def draft(
    resident: Resident, kind: str = "behavior_change", severity: str = "critical", condition: str | None = None
) -> AlertDraft:
    """An alert about resident, on its own condition unless one is given."""
    return AlertDraft(
        kind,
        severity,
        resident.unit_id,
        resident.id,
        condition or f"test:{kind}:{next(_conditions)}",
        f"{kind} for {resident.display_name}",
    )


def raise_committed(app, unit_name: str = "North", count: int = 1, now: datetime | None = None, **kw) -> list[int]:
    """Raise count alerts about a resident of unit_name in one committed transaction; the ids of those stored."""
    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        resident = resident_of(session, unit_name)
        moment = now or datetime.now(UTC)
        alerts = [services.raise_alert(session, draft(resident, **kw), moment) for _ in range(count)]
        session.commit()
        ids = [alert.id for alert in alerts if alert is not None]
        session.close()
        return ids
