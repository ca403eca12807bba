"""A handoff section's types: the shift's facts a section folds, and the contribution it returns.

They belong to the contract (each domain's handoff section is written against them); the handoff composition
gathers the facts (facility/handoff/services.py) and puts the sections' contributions together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from facility.timeutil import ShiftWindow


@dataclass(frozen=True)
class ResidentFact:
    """A resident present on the unit at some point of the shift."""

    id: int
    display_name: str
    room: str
    level: str
    precautions: tuple[str, ...]
    admitted_at: datetime
    discharged_at: datetime | None = None


@dataclass(frozen=True)
class EventFact:
    """An event of the shift still in force, with its effective data."""

    uid: str
    kind: str
    resident_id: int | None
    actor_id: int
    occurred_at: datetime
    data: dict[str, Any]
    late_entry: bool = False


@dataclass(frozen=True)
class AlertFact:
    """An alert raised during the shift or still open at its end."""

    id: int
    kind: str
    severity: str
    resident_id: int | None
    message: str
    raised_at: datetime
    acknowledged_at: datetime | None = None
    resolved_at: datetime | None = None

    def open_at(self, moment: datetime) -> bool:
        return self.raised_at < moment and (self.resolved_at is None or self.resolved_at >= moment)


@dataclass(frozen=True)
class ShiftFacts:
    """Everything one handoff needs; the fold reads nothing else."""

    unit_id: int
    unit_name: str
    window: ShiftWindow
    residents: list[ResidentFact]
    events: list[EventFact]
    alerts: list[AlertFact] = field(default_factory=list)
    staff_names: dict[int, str] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)  # what each section gathered for itself, by name

    def of_kind(self, *kinds: str) -> list[EventFact]:
        return [e for e in self.events if e.kind in kinds]

    def extra(self, name: str, default: Any = None) -> Any:
        """The facts section `name` gathered for itself (its HandoffSection.gather)."""
        return self.extras.get(name, default)


@dataclass
class ResidentNotes:
    """What one section says about one resident."""

    unstable: list[str] = field(default_factory=list)
    watcher: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    open_alerts: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Contribution:
    """A named section of the handoff and its notes per resident."""

    name: str
    section: dict[str, Any]
    notes: dict[int, ResidentNotes] = field(default_factory=dict)

    def note(self, resident_id: int) -> ResidentNotes:
        return self.notes.setdefault(resident_id, ResidentNotes())


Section = Callable[[ShiftFacts], Contribution]


def local_time(facts: ShiftFacts, moment: datetime) -> str:
    """HH:MM in the facility's zone."""
    return moment.astimezone(facts.window.zone).strftime("%H:%M")


def event_line(facts: ShiftFacts, event: EventFact, text: str) -> str:
    """A 'HH:MM text' line in the facility's local time."""
    return f"{local_time(facts, event.occurred_at)} {text}"
