"""Plain lines for the resident's timeline, one per case-management record."""

from __future__ import annotations

from typing import Any

from facility.words import say


def case_manager(_data: dict[str, Any]) -> str:
    return "primary case manager assigned"


def needs(data: dict[str, Any]) -> str:
    unmet = [d for d, rating in (data.get("ratings") or {}).items() if rating == "unmet"]
    rated = f"needs rated by the {data['rater']}"
    return f"{rated}: unmet {', '.join(say(d) for d in unmet)}" if unmet else rated


def referral(data: dict[str, Any]) -> str:
    return f"referral drafted for {say(data['need'])}"


def step(data: dict[str, Any]) -> str:
    outcome = f" ({say(data['outcome'])})" if data.get("outcome") else ""
    return f"referral {data['status']}{outcome}"


def appointment(data: dict[str, Any]) -> str:
    return f"appointment booked with {data['provider']}"


def discharge_plan(data: dict[str, Any]) -> str:
    return f"discharge planned for {data['planned_on']} to {data['destination']}"


def follow_up(data: dict[str, Any]) -> str:
    return f"follow-up: {say(data['kind'])}"
