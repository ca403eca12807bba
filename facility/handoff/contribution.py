"""What a domain contributes to a handoff: a section and notes per resident."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from facility.handoff.facts import EventFact, ShiftFacts


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
