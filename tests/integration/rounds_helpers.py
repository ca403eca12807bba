"""Shared pieces of the rounds and sync tests: a fake notifier and check bodies."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from facility.alerts.models import Alert
from tests.conftest import iso, new_uid


class FakeNotifier:
    """Collects pushes instead of sending them."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, dict, str]] = []

    def emit(self, event, payload, room):
        self.sent.append((event, payload, room))


@pytest.fixture
def notifier(demo):
    """The demo app with a fake notifier installed."""
    from facility.alerts.notifier import install

    fake = FakeNotifier()
    install(demo, fake)
    return fake


def check_body(clock, resident_id=1, **over):
    """A calm check of resident_id at the clock's now."""
    return {
        "uid": new_uid(),
        "resident_id": resident_id,
        "occurred_at": iso(clock.now),
        "location": "own_room",
        "state": "awake_calm",
        **over,
    }


def open_alerts(app, kind=None):
    """(kind, severity, resident_id) of every unresolved alert, oldest first.

    Reads in an app context of its own: a context left pushed would share `g` (and its CSRF token)
    between the test clients of different users."""
    stmt = select(Alert).where(Alert.resolved_at.is_(None)).order_by(Alert.id)
    if kind:
        stmt = stmt.where(Alert.kind == kind)
    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        try:
            return [(a.kind, a.severity, a.resident_id) for a in session.scalars(stmt)]
        finally:
            session.close()
