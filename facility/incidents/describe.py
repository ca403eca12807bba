"""One plain line per incident and episode event, for timelines."""

from __future__ import annotations

from typing import Any

from facility.words import say


def _minutes(data: dict[str, Any]) -> str:
    minutes = data.get("order_minutes")
    return f"{minutes // 60} h" if isinstance(minutes, int) and minutes % 60 == 0 else f"{minutes} min"


def drafted(data: dict[str, Any]) -> str:
    return f"incident report drafted{': ' + say(data['category']) if data.get('category') else ''}"


def draft_edited(data: dict[str, Any]) -> str:
    return "incident draft changed"


def submitted(data: dict[str, Any]) -> str:
    steps = ", ".join(say(i) for i in data.get("interventions") or []) or "no intervention"
    return f"incident ({data.get('severity')}): {say(data.get('category'))} — {steps}"


def reviewed(data: dict[str, Any]) -> str:
    return "incident reviewed"


def closed(data: dict[str, Any]) -> str:
    return "incident closed"


def addendum(data: dict[str, Any]) -> str:
    return "addendum to an incident report"


def mandated_report(data: dict[str, Any]) -> str:
    return f"mandated report to {data.get('agency')} ({say(data.get('method'))})"


def episode_started(data: dict[str, Any]) -> str:
    return f"{say(data.get('kind'))} started, ordered by {data.get('ordered_by')} for {_minutes(data)}"


def episode_opened(data: dict[str, Any]) -> str:
    return f"{say(data.get('kind'))} reported on incident #{data.get('incident_id')}: episode opened, to complete"


def ordered(data: dict[str, Any]) -> str:
    return f"restraint/seclusion order entered: ordered by {data.get('ordered_by')} for {_minutes(data)}"


def linked(data: dict[str, Any]) -> str:
    return f"incident #{data.get('incident_id')} linked to episode {data.get('episode_id')}"


def monitored(data: dict[str, Any]) -> str:
    return f"restraint/seclusion monitoring{': ' + say(data['state']) if data.get('state') else ''}"


def face_to_face(data: dict[str, Any]) -> str:
    return "face-to-face evaluation" + ("" if data.get("continue_episode", True) else " — release advised")


def renewed(data: dict[str, Any]) -> str:
    return f"restraint/seclusion order renewed by {data.get('ordered_by')}"


def ended(data: dict[str, Any]) -> str:
    return "restraint/seclusion ended"
