"""The Socket.IO message queue, with one addition: closing a user's room closes their sockets on every process."""
from __future__ import annotations

from typing import Any

import socketio

USER_ROOM_PREFIX = "user:"


class RevokingRedisManager(socketio.RedisManager):
    """A Redis client manager whose close of a `user:<id>` room also disconnects that user's sockets.

    close_room travels through Redis to every web process, so a logout, a password change or a deactivation
    handled by one process ends the user's consoles on all of them.
    """

    def _handle_close_room(self, message: dict[str, Any]) -> None:
        room, namespace = message.get("room"), message.get("namespace") or "/"
        if isinstance(room, str) and room.startswith(USER_ROOM_PREFIX) and self.server is not None:
            for sid, _eio_sid in list(self.get_participants(namespace, room)):
                self.server.disconnect(sid, namespace=namespace, ignore_queue=True)
        super()._handle_close_room(message)


def client_manager_options(url: str | None, channel: str) -> dict[str, Any]:
    """The SocketIO options for the message queue at url: ours for Redis, Flask-SocketIO's choice otherwise."""
    if url and url.startswith(("redis://", "rediss://")):
        return {"client_manager": RevokingRedisManager(url, channel=channel, write_only=False)}
    return {"message_queue": url, "channel": channel}
