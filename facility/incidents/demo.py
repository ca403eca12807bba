"""Demo incident: one moderate report submitted a little while ago, waiting for a nurse's review."""
from __future__ import annotations

from datetime import datetime
from sqlalchemy.orm import Session


def load(session: Session, now: datetime) -> None:
    """Placeholder until the demo report is written."""
