"""The one place that reaches into python-socketio's private methods: a Redis manager with public hooks.

python-socketio offers no public way to act on a room closed by another process, nor to notice that its Redis
listener lost and regained the queue. This module overrides the private methods that do those things and
turns them into three hooks for `facility.alerts.queue` to fill in. Everything private it relies on is named in
`PRIVATE` below; `tests/unit/test_socketio_queue.py` fails when an upgrade of python-socketio changes any of it,
which is why the package stays pinned in pyproject.toml.
"""

from __future__ import annotations

import time
from typing import Any

import socketio

# name → the signature this module expects (as `str(inspect.signature(...))` prints it on the class).
PRIVATE: dict[str, str] = {
    # Overridden: runs on every process for each room closed anywhere (PubSubManager._thread and close_room call it).
    "_handle_close_room": "(self, message)",
    # Overridden: the generator RedisManager._listen reads the channel's messages from, retrying after failures.
    "_redis_listen_with_retries": "(self)",
    # Called: (re)connects and sets `self.pubsub`.
    "_redis_connect": "(self)",
    # Relied on to read every message through `_redis_listen_with_retries`.
    "_listen": "(self)",
}
# Attributes of the manager read here: the pub/sub handle `_redis_connect` makes, the channel, the server.
ATTRIBUTES = ("pubsub", "channel", "server")


class HookedRedisManager(socketio.RedisManager):
    """python-socketio's Redis manager, with hooks where a room closes and where the queue is lost or regained."""

    def room_closing(self, room: str, namespace: str) -> None:
        """A room is about to close on this process (closed here or on any other); nothing by default."""

    def listening(self) -> None:
        """The channel is subscribed: at start, and again after the queue was lost; nothing by default."""

    def listen_failed(self, error: Exception) -> float:
        """Listening failed (the queue is away): the seconds to wait before trying again."""
        return 1.0

    def _handle_close_room(self, message: dict[str, Any]) -> None:
        room, namespace = message.get("room"), message.get("namespace") or "/"
        if isinstance(room, str) and self.server is not None:
            self.room_closing(room, namespace)
        super()._handle_close_room(message)

    def _redis_listen_with_retries(self):
        while True:
            try:
                self._redis_connect()
                self.pubsub.subscribe(self.channel)
                self.listening()
                yield from self.pubsub.listen()
            except Exception as error:  # whatever the client library raises while the queue is away
                time.sleep(self.listen_failed(error))
