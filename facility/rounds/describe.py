"""Rounds records in one plain line each, for timelines."""
from typing import Any

from facility.words import count, say


def check(data: dict[str, Any]) -> str:
    """'check: asleep, own room, breathing seen'."""
    parts = [say(data.get("state")), say(data.get("location"))]
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
    return "check: " + ", ".join(p for p in parts if p)


def assigned(data: dict[str, Any]) -> str:
    """'rounds assigned: 3 staff, 12 residents'."""
    people = data.get("assignments") or []
    residents = sum(len(entry.get("resident_ids") or []) for entry in people)
    return f"rounds assigned: {count(len(people), 'staff member')}, {count(residents, 'resident')}"
