"""Every domain's alert rules, assembled in one explicit table."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from facility.alerts.rules import AlertDraft, Resolve

# A time rule reads what it needs and returns the conditions that hold now (pure core inside).
TimeRule = Callable[[Session, datetime], list[AlertDraft | Resolve]]

TIME_RULES: list[TimeRule] = []
