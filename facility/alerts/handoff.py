"""The alerts section of the handoff: open alerts and critical ones of the shift."""

from __future__ import annotations

from facility.sections import Contribution, ShiftFacts
from facility.words import say


def alerts(facts: ShiftFacts) -> Contribution:
    """Alerts open at the end of the shift, and critical ones that touched a resident during it."""
    out = Contribution("alerts", {})
    end = facts.window.end
    still_open = [a for a in facts.alerts if a.open_at(end)]
    for alert in facts.alerts:
        if alert.resident_id is None:
            continue
        if alert.severity == "critical" and facts.window.start <= alert.raised_at < end:
            out.note(alert.resident_id).unstable.append(f"critical alert: {say(alert.kind)}")
        if alert in still_open:
            waiting = "" if alert.acknowledged_at else ", not yet acknowledged"
            out.note(alert.resident_id).actions.append(f"follow up the open {say(alert.kind)} alert{waiting}")
            out.note(alert.resident_id).open_alerts.append(
                {
                    "id": alert.id,
                    "kind": alert.kind,
                    "severity": alert.severity,
                    "message": alert.message,
                    "acknowledged": alert.acknowledged_at is not None,
                }
            )
    out.section = {
        "open": len(still_open),
        "unacknowledged": sum(1 for a in still_open if a.acknowledged_at is None),
        "raised": sum(1 for a in facts.alerts if facts.window.start <= a.raised_at < end),
        "items": [
            {
                "id": a.id,
                "kind": a.kind,
                "severity": a.severity,
                "resident_id": a.resident_id,
                "message": a.message,
                "acknowledged": a.acknowledged_at is not None,
            }
            for a in still_open
        ],
    }
    return out
