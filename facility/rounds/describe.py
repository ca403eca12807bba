"""Rounds records in one plain line each, for timelines."""

from typing import Any

from facility.rounds.codes import MISSING, not_seen_reason
from facility.words import count, say


def check(data: dict[str, Any]) -> str:
    """'check: asleep, own room, breathing seen'; a check that did not see the resident says it was none:
    'NOT CHECKED — missing: unable to locate', 'NOT CHECKED — asleep, own room, breathing NOT seen'."""
    reason = not_seen_reason(data.get("location"), data.get("state"), data.get("breathing_observed"))
    # "not seen" is the state the tablet records with unable to locate: the location says it all.
    parts = [say(data.get("location"))] if reason == MISSING else [say(data.get("state")), say(data.get("location"))]
    if data.get("breathing_observed") is True:
        parts.append("breathing seen")
    elif data.get("breathing_observed") is False:
        parts.append("breathing NOT seen")
    if data.get("note"):
        parts.append(f"“{data['note']}”")
    presence = data.get("presence") or {}
    if presence.get("method") == "scanned":
        parts.append(f"{presence.get('kind') or 'code'} scanned")
    elif presence.get("reason"):
        parts.append(f"not scanned: {presence['reason']}")
    head = {None: "check: ", MISSING: "NOT CHECKED — missing: "}.get(reason, "NOT CHECKED — ")
    return head + ", ".join(p for p in parts if p)


def assigned(data: dict[str, Any]) -> str:
    """'rounds assigned: 3 staff, 12 residents'."""
    people = data.get("assignments") or []
    residents = sum(len(entry.get("resident_ids") or []) for entry in people)
    return f"rounds assigned: {count(len(people), 'staff member')}, {count(residents, 'resident')}"
