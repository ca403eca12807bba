"""Medication records in one plain line each, for timelines."""
from typing import Any

from facility.words import say


def ordered(data: dict[str, Any]) -> str:
    when = f"PRN for {data.get('prn_indication')}" if data.get("prn") else ", ".join(data.get("times") or [])
    return f"order: {data.get('medication')} {data.get('strength')}, {data.get('dose')} {say(data.get('route'))}, {when}"


def stopped(data: dict[str, Any]) -> str:
    return f"order {data.get('order_id')} stopped: {data.get('reason')}"


def observed(data: dict[str, Any]) -> str:
    line = f"dose observed (order {data.get('order_id')}): {say(data.get('outcome'))}"
    if data.get("held_reason"):
        line += f" — {data['held_reason']}"
    if data.get("side_effects"):
        line += "; side effects: " + ", ".join(say(e) for e in data["side_effects"])
    return line


def followup(data: dict[str, Any]) -> str:
    return f"PRN follow-up: {say(data.get('effect'))}"
