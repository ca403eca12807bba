"""The handoff as a pure fold: facts in, the summary of API.md out."""

from __future__ import annotations

from typing import Any

from facility.sections import Contribution, ResidentNotes, Section, ShiftFacts
from facility.words import say

SEVERITY_ORDER = {"unstable": 0, "watcher": 1, "stable": 2}


def _severity(notes: list[ResidentNotes]) -> tuple[str, list[str]]:
    unstable = [r for n in notes for r in n.unstable]
    if unstable:
        return "unstable", unstable
    watcher = [r for n in notes for r in n.watcher]
    return ("watcher", watcher) if watcher else ("stable", [])


def build_summary(facts: ShiftFacts, sections: list[Section]) -> dict[str, Any]:
    """Fold the shift's facts through each section; residents in I-PASS order, unstable first."""
    contributions: list[Contribution] = [section(facts) for section in sections]
    window = facts.window
    summary: dict[str, Any] = {
        "unit": {"id": facts.unit_id, "name": facts.unit_name},
        "window": {
            "start": window.start.isoformat(),
            "end": window.end.isoformat(),
            "label": window.local_label(),
            "hours": window.hours,
        },
    }
    for contribution in contributions:
        summary[contribution.name] = contribution.section
    residents = []
    for resident in facts.residents:
        notes = [c.notes[resident.id] for c in contributions if resident.id in c.notes]
        severity, reasons = _severity(notes)
        precautions = ", ".join(say(p) for p in resident.precautions) or "none"
        actions = [line for n in notes for line in n.actions]
        if severity == "unstable" and not actions:  # nobody leaves an unstable resident without a next step
            actions.append(f"see them first this shift: {'; '.join(sorted(set(reasons)))}")
        residents.append(
            {
                "resident_id": resident.id,
                "display_name": resident.display_name,
                "room": resident.room,
                "severity": severity,
                "reasons": sorted(set(reasons)),
                "summary": f"{say(resident.level)} observation; precautions: {precautions}",
                "events": sorted(line for n in notes for line in n.events),
                "actions": actions,
                "open_alerts": [alert for n in notes for alert in n.open_alerts],
            }
        )
    residents.sort(key=lambda r: (SEVERITY_ORDER[r["severity"]], r["room"]))
    summary["residents"] = residents
    return summary
