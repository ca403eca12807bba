"""Where an alert card on the console leads: the incident or episode it is about, else the resident's page."""

from __future__ import annotations

from facility.incidents.rules import EPISODE_ALERTS

INCIDENT_SUBMITTED = "incident_submitted"


def alert_link(kind: str, condition: str, resident_id: int | None) -> str | None:
    """The page of what raised the alert (conditions of incidents and episodes end in their id)."""
    subject = condition.rpartition(":")[2]
    if kind == INCIDENT_SUBMITTED and subject.isdigit():
        return f"/incidents/{subject}"
    if kind in EPISODE_ALERTS and subject.isdigit():
        return f"/episodes/{subject}"
    return f"/residents/{resident_id}" if resident_id is not None else None
