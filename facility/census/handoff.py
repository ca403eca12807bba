"""The census section of the handoff: who was on the unit and their levels."""

from __future__ import annotations

from datetime import timedelta

from facility.census.levels import ObservationLevel
from facility.sections import Contribution, ShiftFacts, local_time
from facility.words import say


def census(facts: ShiftFacts) -> Contribution:
    """Who was on the unit: counts at start and end, admissions, discharges, level changes."""
    start, end = facts.window.start, facts.window.end

    def present_at(moment):
        return [
            r
            for r in facts.residents
            if r.admitted_at <= moment and (r.discharged_at is None or r.discharged_at > moment)
        ]

    out = Contribution("census", {})
    names = {r.id: r.display_name for r in facts.residents}
    changes = []
    for event in facts.of_kind("observation.level_changed"):
        changes.append(
            {
                "resident_id": event.resident_id,
                "display_name": names.get(event.resident_id),
                "from": event.data.get("from"),
                "to": event.data.get("to"),
                "at": event.occurred_at.isoformat(),
            }
        )
        out.note(event.resident_id).events.append(
            f"{local_time(facts, event.occurred_at)} level {say(event.data.get('from'))} → "
            f"{say(event.data.get('to'))}: "
            f"{event.data.get('reason')}"
        )
    for event in facts.of_kind("resident.admitted"):
        out.note(event.resident_id).events.append(f"{local_time(facts, event.occurred_at)} admitted")
    for event in facts.of_kind("resident.discharged"):
        out.note(event.resident_id).events.append(f"{local_time(facts, event.occurred_at)} discharged")
    for resident in facts.residents:
        if ObservationLevel(resident.level).close:
            out.note(resident.id).watcher.append("close observation")
    out.section = {
        "start": len(present_at(start)),
        "end": len(present_at(end - timedelta(microseconds=1))),
        "admissions": len(facts.of_kind("resident.admitted")),
        "discharges": len(facts.of_kind("resident.discharged")),
        "level_changes": changes,
    }
    return out
