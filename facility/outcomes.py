"""What a rule returns: the contract's outcome types, read by the domains' rules and carried out by the alerts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AlertDraft:
    """An alert a rule wants raised; `condition` makes it one-per-condition."""

    kind: str
    severity: str
    unit_id: int
    resident_id: int | None
    condition: str
    message: str
    source_uid: str | None = None


@dataclass(frozen=True)
class Resolve:
    """A condition that no longer holds, and why."""

    condition: str
    how: str


Outcome = AlertDraft | Resolve
