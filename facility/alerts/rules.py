"""The pure escalation rule (the drafts it returns are the contract's, facility.outcomes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from facility.outcomes import AlertDraft, Resolve

SEVERITIES = ("info", "warning", "critical")
ESCALATED = "escalated"
# A projection table differs from the events it is folded from (facility/integrity.py): for leads and admins.
PROJECTION_MISMATCH = "projection_mismatch"
LEADS_ONLY = frozenset({ESCALATED, PROJECTION_MISMATCH})


@dataclass(frozen=True)
class OpenAlert:
    """What escalation needs to know of an open alert."""

    id: int
    kind: str
    severity: str
    unit_id: int
    resident_id: int | None
    message: str
    raised_at: datetime
    escalated_at: datetime | None
    acknowledged: bool


@dataclass(frozen=True)
class Upgrade:
    """A warning left unacknowledged too long: it becomes critical."""

    alert_id: int


@dataclass(frozen=True)
class Escalation:
    """A critical alert left unacknowledged too long: the unit's leads are called."""

    alert_id: int
    draft: AlertDraft


def escalation_condition(alert_id: int) -> str:
    """The condition of the escalation of alert_id: one per original alert."""
    return f"escalated:{alert_id}"


def escalation(
    alerts: list[OpenAlert], now: datetime, critical_after: timedelta, warning_after: timedelta
) -> list[Escalation | Upgrade]:
    """Critical alerts unacknowledged past critical_after go to the leads; warnings past warning_after turn critical."""
    actions: list[Escalation | Upgrade] = []
    for alert in alerts:
        if alert.acknowledged or alert.kind in LEADS_ONLY:
            continue
        if alert.severity == "warning" and now - alert.raised_at >= warning_after:
            actions.append(Upgrade(alert.id))
        elif alert.severity == "critical" and now - (alert.escalated_at or alert.raised_at) >= critical_after:
            minutes = int((now - alert.raised_at).total_seconds() // 60)
            actions.append(
                Escalation(
                    alert.id,
                    AlertDraft(
                        ESCALATED,
                        "critical",
                        alert.unit_id,
                        alert.resident_id,
                        escalation_condition(alert.id),
                        f"Not acknowledged for {minutes} min: {alert.message}",
                    ),
                )
            )
    return actions


def cleared_by_discharge(open_conditions: list[str]) -> list[Resolve]:
    """A discharged resident leaves the unit: their open alerts no longer call for anyone."""
    return [Resolve(condition, "resident discharged") for condition in open_conditions]
