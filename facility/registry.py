"""Every domain's alert rules, assembled in one explicit table."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from facility.alerts import handlers as alert_handlers
from facility.alerts import handoff as alerts_handoff
from facility.alerts.rules import AlertDraft, Resolve
from facility.census import handoff as census_handoff
from facility.handoff.contribution import Section
from facility.records.models import Event
from facility.rounds import handlers as rounds
from facility.rounds import handoff as rounds_handoff

Outcome = AlertDraft | Resolve

# An event handler gathers the state its domain's pure rule needs and returns the rule's outcomes.
# It runs inside the transaction that stored the event.
EventHandler = Callable[[Session, Event, datetime], list[Outcome]]

# A time rule reads what it needs and returns the outcomes that hold now; the sweep runs it every 30 s.
TimeRule = Callable[[Session, datetime], list[Outcome]]

EVENT_HANDLERS: dict[str, list[EventHandler]] = {
    "rounds.check": [rounds.on_check],
    "resident.discharged": [alert_handlers.clear_on_discharge],
}

TIME_RULES: list[TimeRule] = [
    rounds.sweep_overdue,
]

# The handoff's sections, in reading order; each domain folds the shift's facts into its own.
HANDOFF_SECTIONS: list[Section] = [census_handoff.census, rounds_handoff.rounds, alerts_handoff.alerts]
