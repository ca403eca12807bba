"""One plain line per care record for timelines: 'lunch: ate 20 %, limited assist'."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import has_app_context

from facility.care.codes import FLUIDS, MEAL, SLEEP
from facility.timeutil import facility_zone
from facility.words import say

METHOD_WORDS = {"phone": "phone call", "visit": "visit", "video": "video call", "email": "email", "letter": "letter"}


def _short(text: str | None, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _clock(value: Any) -> str:
    """HH:MM in the facility's zone (UTC outside an app)."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if has_app_context():
        moment = moment.astimezone(facility_zone())
    return f"{moment:%H:%M}"


def adl(data: dict[str, Any]) -> str:
    """'lunch: ate 20 %, limited assist', 'fluids: 250 ml', 'sleep: 7.5 h', 'hygiene: independent'."""
    activity, support = data.get("activity"), say(data.get("support"))
    if activity == MEAL:
        line = f"{data.get('meal')}: ate {data.get('percent_eaten')} %, {support}"
        return line + (f", {data['fluids_ml']} ml to drink" if data.get("fluids_ml") is not None else "")
    if activity == FLUIDS:
        return f"fluids: {data.get('fluids_ml')} ml, {support}"
    if activity == SLEEP:
        return f"sleep: {data.get('sleep_hours'):g} h, {support}"
    return f"{say(activity)}: {support}"


def note(data: dict[str, Any]) -> str:
    """'progress note — mood calm, engagement partial: <text>'."""
    how = ", ".join(
        f"{label} {say(data[key])}" for key, label in (("mood", "mood"), ("engagement", "engagement")) if data.get(key)
    )
    return f"progress note{' — ' + how if how else ''}: {_short(data.get('text'))}"


def goal(data: dict[str, Any]) -> str:
    return f"treatment-plan goal set: {_short(data.get('text'))}"


def group(data: dict[str, Any]) -> str:
    return f"group '{data.get('topic')}', {data.get('duration_min')} min, {len(data.get('attendees') or [])} attended"


def attended(data: dict[str, Any]) -> str:
    return f"group '{data.get('topic')}' ({data.get('duration_min')} min): {say(data.get('participation'))}"


def signed_out(data: dict[str, Any]) -> str:
    """'signed out to pharmacy, escorted, back by 14:30'."""
    company = ", escorted" if data.get("escort_id") else ""
    return f"signed out to {data.get('destination')}{company}, back by {_clock(data.get('expected_return_at'))}"


def returned(_data: dict[str, Any]) -> str:
    return "back on the unit"


def consent(data: dict[str, Any]) -> str:
    until = f" until {data['expires_on']}" if data.get("expires_on") else ""
    return f"consent on file: {data.get('contact_name')} ({data.get('relationship')}), {say(data.get('scope'))}{until}"


def contact(data: dict[str, Any]) -> str:
    """'phone call with Maria Reyes (sister)'."""
    method = METHOD_WORDS.get(data.get("method"), say(data.get("method")))
    return f"{method} with {data.get('contact_name')} ({data.get('relationship')})"
