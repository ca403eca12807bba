"""Rounds records in one plain line each, for timelines."""
from typing import Any

from facility.words import say


def check(data: dict[str, Any]) -> str:
    """'check: asleep, own room, breathing seen'."""
    parts = [say(data.get("state")), say(data.get("location"))]
    if data.get("breathing_observed") is True:
        parts.append("breathing seen")
    elif data.get("breathing_observed") is False:
        parts.append("breathing NOT seen")
    if data.get("note"):
        parts.append(f"“{data['note']}”")
    return "check: " + ", ".join(p for p in parts if p)
