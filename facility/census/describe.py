"""Census records in one plain line each, for timelines."""

from typing import Any

from facility.words import say


def admitted(data: dict[str, Any]) -> str:
    return f"admitted to room {data.get('room')}, {say(data.get('observation_level'))} observation"


def discharged(data: dict[str, Any]) -> str:
    return "discharged" + (f": {data['note']}" if data.get("note") else "")


def transferred(data: dict[str, Any]) -> str:
    return f"moved from room {data.get('from_room')} to room {data.get('room')} (another unit)"


def level_changed(data: dict[str, Any]) -> str:
    return f"observation level {say(data.get('from'))} → {say(data.get('to'))}: {data.get('reason')}"
