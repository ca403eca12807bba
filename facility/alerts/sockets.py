"""The /alerts namespace: logged-in consoles only, rooms per unit, replay on connect."""
from __future__ import annotations

from typing import Any

from flask_login import current_user
from flask_socketio import SocketIO, emit, join_room

from facility.alerts import services
from facility.alerts.notifier import NAMESPACE, role_room, unit_room
from facility.extensions import db


def _last_alert_id(auth: Any) -> int | None:
    """The client's `auth.last_alert_id`, if it gave a sensible one."""
    if isinstance(auth, dict):
        value = auth.get("last_alert_id")
        if isinstance(value, int) and value >= 0:
            return value
        if isinstance(value, str) and value.isdigit():
            return int(value)
    return None


def on_connect(auth: Any = None) -> bool:
    """Refuse anonymous sockets; join the user's unit rooms; replay what they missed."""
    if not current_user.is_authenticated:
        return False
    unit_ids = current_user.unit_ids
    for unit_id in unit_ids:
        join_room(unit_room(unit_id))
        join_room(role_room(unit_id, current_user.role))
    after = _last_alert_id(auth)
    if after is None:
        return True
    session = db.session
    missed = services.missed_since(session, current_user, after)
    payloads = None if missed is None else [services.payload(alert) for alert in missed]
    session.close()  # no transaction stays open while we write to the socket
    if payloads is None:
        emit("resync", {})
    else:
        for item in payloads:
            emit("alert", item)
    return True


def register(socketio: SocketIO) -> None:
    """Attach the namespace handlers."""
    socketio.on_event("connect", on_connect, namespace=NAMESPACE)
