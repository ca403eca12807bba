"""Delivering pushes over Socket.IO, after the commit that stored what they announce."""

from __future__ import annotations

from typing import Any, Protocol

from flask import Flask, current_app
from sqlalchemy.orm import Session

from facility.db import on_commit
from facility.errors import log_failure

NAMESPACE = "/alerts"


def unit_room(unit_id: int) -> str:
    """Every console of a unit."""
    return f"unit:{unit_id}"


def role_room(unit_id: int, role: str) -> str:
    """The room of one role's consoles on a unit (leads, nurses)."""
    return f"unit:{unit_id}:{role}"


def leads_room(unit_id: int) -> str:
    """The consoles of a unit's leads (escalations, handoffs)."""
    return role_room(unit_id, "lead")


LOCKED_PREFIX = "locked:"
# What a locked console may hear of an alert: that it is there, where and how bad; never whom it is about.
LOCKED_FIELDS = ("id", "kind", "severity", "unit_id", "raised_at", "acknowledged_at", "acknowledged_by", "resolved_at")


def locked_room(room: str) -> str:
    """The PHI-free twin of a room: the consoles in it are locked (idle) and hear no resident's identity."""
    return f"{LOCKED_PREFIX}{room}"


def locked_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """payload without anything that identifies a resident (name, room, id, message, link, source record)."""
    return {key: value for key, value in payload.items() if key in LOCKED_FIELDS} | {"locked": True}


class Notifier(Protocol):
    """Something that can deliver a push to a room."""

    def emit(self, event: str, payload: dict[str, Any], room: str) -> None: ...


class SocketNotifier:
    """Pushes through Flask-SocketIO (and its Redis queue when configured).

    Every push goes out twice: whole to the room, and without resident identity to the room's locked twin.
    """

    def emit(self, event: str, payload: dict[str, Any], room: str) -> None:
        from facility.extensions import socketio

        socketio.emit(event, payload, namespace=NAMESPACE, to=room)
        socketio.emit(event, locked_payload(payload), namespace=NAMESPACE, to=locked_room(room))


def install(app: Flask, notifier: Notifier | None = None) -> None:
    """Set the app's notifier (tests pass a fake)."""
    app.extensions["facility_notifier"] = notifier or SocketNotifier()


def push_after_commit(session: Session, event: str, payload: dict[str, Any], room: str) -> None:
    """Queue a push that goes out only once the session commits; a failed push loses nothing."""
    notifier = current_app.extensions["facility_notifier"]

    def send() -> None:
        try:
            notifier.emit(event, payload, room)
        except Exception as failure:  # the row is stored; consoles replay it on reconnect
            log_failure(failure, f"push of {event} failed")

    on_commit(session, send)


def push_to_unit(
    session: Session, event: str, payload: dict[str, Any], unit_id: int, *, leads_only: bool = False
) -> None:
    """Push to every console of unit_id (or only its leads') once the session commits."""
    push_after_commit(session, event, payload, leads_room(unit_id) if leads_only else unit_room(unit_id))
