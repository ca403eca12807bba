"""The /alerts namespace: logged-in consoles only, rooms per unit, replay on connect, the idle lock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, request, session
from flask_socketio import ConnectionRefusedError, SocketIO, emit, join_room

from facility import clock
from facility.alerts import services
from facility.alerts.notifier import NAMESPACE, locked_payload, locked_room, role_room, unit_room
from facility.alerts.queue import USER_ROOM_PREFIX, RevokingRedisManager
from facility.extensions import db, socketio
from facility.permissions import PUBLIC, may

# The action of each event of the namespace. Connecting opens a console: the same row as GET /api/v1/alerts, the
# stream is the list, live. A connected socket's own events act within what its connect was allowed.
EVENT_ACTIONS = {"connect": "alerts.read", "active": "alerts.read", "disconnect": PUBLIC}
# Why a console was refused or closed, as its page says it: the session is over, or the account may no longer
# hold a console (its role changed); a locked console is never refused.
SESSION_ENDED, ACCESS_CHANGED = "session_ended", "access_changed"


@dataclass
class Console:
    """One open console on this process: whose, the rooms its access gives, when it was last used, locked or not."""

    user_id: int
    rooms: list[str]
    seen: float
    locked: bool


_consoles: dict[str, Console] = {}
_watching: dict[str, bool] = {}


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


def disconnect_user(user_id: int, *, ended: bool = False) -> None:
    """Close every /alerts socket of user_id on every process that shares the queue; `ended` says why first."""
    server = socketio.server
    if server is None:
        return
    if ended:  # through the same queue as the close, so it arrives before it
        socketio.emit("session_ended", {"reason": SESSION_ENDED}, namespace=NAMESPACE, to=user_room(user_id))
    if isinstance(server.manager, RevokingRedisManager):
        server.manager.close_room(user_room(user_id), namespace=NAMESPACE)  # each process closes its own
        return
    for sid, _eio_sid in list(server.manager.get_participants(NAMESPACE, user_room(user_id))):
        server.disconnect(sid, namespace=NAMESPACE)


def lock(sid: str, console: Console) -> None:
    """Move a console to the PHI-free twins of its rooms and tell it so: it keeps hearing alerts, without names."""
    server = socketio.server
    for room in console.rooms:
        server.leave_room(sid, room, namespace=NAMESPACE)
        server.enter_room(sid, locked_room(room), namespace=NAMESPACE)
    console.locked = True
    socketio.emit("console", {"locked": True}, namespace=NAMESPACE, to=sid)


def lock_idle(now: float, idle: float) -> None:
    """Lock each console of this process untouched for `idle` seconds. One that went away meanwhile (its socket
    closed between the listing and its lock) is forgotten: it must never stop the watcher, or this process's
    consoles would go on showing names however long they are left."""
    for sid, console in list(_consoles.items()):
        if not console.locked and now - console.seen > idle:
            try:
                lock(sid, console)
            except (ValueError, KeyError):  # python-socketio: "sid is not connected to requested namespace"
                _consoles.pop(sid, None)


def _watch(app: Flask) -> None:
    """Lock this process's consoles left untouched for the idle time (one watcher per process)."""
    while True:
        with app.app_context():
            idle = app.extensions["facility_idle_seconds"]()
            now = clock.now().timestamp()
        lock_idle(now, idle)
        socketio.sleep(min(5.0, max(0.5, idle / 4)))


def _ensure_watcher() -> None:
    if not _watching.get("on"):
        _watching["on"] = True
        socketio.start_background_task(_watch, current_app._get_current_object())


def _connect(holder: Callable[[], tuple[Any, bool]], auth: Any = None) -> bool:
    """Refuse sockets without a live nurse or lead session (saying why); join the user's rooms, PHI-free ones when
    the session is locked; replay what they missed."""
    # The holder is loaded through the session version, so a revoked session has none here.
    user, locked = holder()
    if user is None:
        raise ConnectionRefusedError("session ended", {"reason": SESSION_ENDED})
    if not may(user, EVENT_ACTIONS["connect"]):
        raise ConnectionRefusedError("access changed", {"reason": ACCESS_CHANGED})
    if user.must_change_password:  # a temporary password opens nothing but its own change
        raise ConnectionRefusedError("choose a new password first", {"reason": SESSION_ENDED})
    join_room(user_room(user.id))
    rooms = [room for unit_id in user.unit_ids for room in (unit_room(unit_id), role_room(unit_id, user.role))]
    for room in rooms:
        join_room(locked_room(room) if locked else room)
    now = clock.now().timestamp()
    _consoles[request.sid] = Console(user.id, rooms, session.get("seen", now), locked)
    _ensure_watcher()
    if locked:
        emit("console", {"locked": True})
    after = _last_alert_id(auth)
    if after is None:
        return True
    dbs = db.session
    missed = services.missed_since(dbs, user, after)
    payloads = None if missed is None else [services.payload(alert) for alert in missed]
    dbs.close()  # no transaction stays open while we write to the socket
    if payloads is None:
        emit("resync", {})
    else:
        for item in payloads:
            emit("alert", locked_payload(item) if locked else item)
    return True


def on_disconnect(*_args: Any) -> None:
    """Forget a console that went away."""
    _consoles.pop(request.sid, None)


def on_active(*_args: Any) -> None:
    """Someone used the console: its idle time starts again (a locked console opens only with a password)."""
    console = _consoles.get(request.sid)
    if console is not None and not console.locked:
        console.seen = clock.now().timestamp()


def register(
    socketio: SocketIO, app: Flask, holder: Callable[[], tuple[Any, bool]], idle_seconds: Callable[[], int]
) -> None:
    """Attach the namespace handlers; `holder` answers who holds the request's session and whether it is locked,
    `idle_seconds` how long a console may go untouched (both from the floor that owns sessions)."""
    app.extensions["facility_idle_seconds"] = idle_seconds
    socketio.on_event("connect", lambda auth=None: _connect(holder, auth), namespace=NAMESPACE)
    socketio.on_event("disconnect", on_disconnect, namespace=NAMESPACE)
    socketio.on_event("active", on_active, namespace=NAMESPACE)
