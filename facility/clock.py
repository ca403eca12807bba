"""The one source of "now": aware UTC, replaceable per app for tests."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app, has_app_context


def system_now() -> datetime:
    """The wall clock in UTC."""
    return datetime.now(UTC)


def now() -> datetime:
    """The app's clock (config CLOCK) when inside an app, else the wall clock."""
    if has_app_context():
        return current_app.config.get("CLOCK", system_now)()
    return system_now()
