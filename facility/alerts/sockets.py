"""The /alerts namespace: logged-in consoles only, rooms per unit, replay on connect."""
from __future__ import annotations

from typing import Any

from flask_login import current_user
from flask_socketio import SocketIO, emit, join_room

from facility.alerts import services
from facility.alerts.notifier import NAMESPACE, role_room, unit_room
from facility.alerts.queue import USER_ROOM_PREFIX, RevokingRedisManager
from facility.auth.models import Role
from facility.extensions import db, socketio

# The same roles as GET /api/v1/alerts: the stream is the list, live.
CONSOLE_ROLES = (Role.NURSE, Role.LEAD)


def _last_alert_id(auth: Any) -> int | None:
    """The client's `auth.last_alert_id`, if it gave a sensible one."""
    if isinstance(auth, dict):
        value = auth.get("last_alert_id")
        if isinstance(value, int) and value >= 0:
            return value
        if isinstance(value, str) and value.isdigit():
            return int(value)
    return None


def user_room(user_id: int) -> str:
    """Every socket of one user, so that ending their sessions can close them."""
    return f"{USER_ROOM_PREFIX}{user_id}"


def disconnect_user(user_id: int) -> None:
    """Close every /alerts socket of user_id (their sessions were revoked), on every process that shares the queue."""
    server = socketio.server
    if server is None:
        return
    if isinstance(server.manager, RevokingRedisManager):
        server.manager.close_room(user_room(user_id), namespace=NAMESPACE)  # each process closes its own
        return
    for sid, _eio_sid in list(server.manager.get_participants(NAMESPACE, user_room(user_id))):
        server.disconnect(sid, namespace=NAMESPACE)


def on_connect(auth: Any = None) -> bool:
    """Refuse sockets without a live nurse or lead session; join the user's rooms; replay what they missed."""
    # current_user is loaded through the session version, so a revoked session is anonymous here.
    if not current_user.is_authenticated or not current_user.has_role(*CONSOLE_ROLES):
        return False
    join_room(user_room(current_user.id))
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
