"""What the write path is handed by the floors above it at start-up (create_app): the record knows no alerts and no
census, yet a stored record's outcomes are carried out and an entry is checked against the resident's admission."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Flask, current_app
from sqlalchemy.orm import Session

from facility.outcomes import Outcome


@dataclass(frozen=True)
class WritePath:
    """The behaviour of higher floors that recording calls, in the caller's transaction."""

    # Carries out the outcomes the kind's handlers returned (the alerts engine raises and resolves alerts).
    carry_out: Callable[[Session, list[Outcome], datetime], list[Any]]
    # The conditions a record (by uid) raised that are still open, so a correction can resolve what it no longer says.
    raised_by: Callable[[Session, str], list[str]]
    # When a resident was admitted; None when there is no such resident (the census's fact).
    admitted_at: Callable[[Session, int], datetime | None]

    def install(self, app: Flask) -> None:
        """Make this the app's write path."""
        app.extensions["facility_write_path"] = self


def write_path() -> WritePath:
    """The running app's write path."""
    return current_app.extensions["facility_write_path"]
