"""The Socket.IO message queue, with one addition: closing a user's room closes their sockets on every process."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import socketio

log = logging.getLogger(__name__)

USER_ROOM_PREFIX = "user:"
ALERTS_NAMESPACE = "/alerts"
LONGEST_PAUSE = 8  # seconds between tries while Redis is away: a returning queue is noticed within that
# A push published just before the queue was seen to fail may have been lost with it.
IN_FLIGHT = timedelta(seconds=10)


class RevokingRedisManager(socketio.RedisManager):
    """A Redis client manager whose close of a `user:<id>` room also disconnects that user's sockets.

    close_room travels through Redis to every web process, so a logout, a password change or a deactivation
    handled by one process ends the user's consoles on all of them.

    `replay_from(moment)` gives the id after which alerts may have been missed when the queue failed at moment.
    """

    def __init__(self, url: str, replay_from: Callable[[datetime], int] | None = None, **options: Any) -> None:
        super().__init__(url, **options)
        self.replay_from = replay_from

    def _handle_close_room(self, message: dict[str, Any]) -> None:
        room, namespace = message.get("room"), message.get("namespace") or "/"
        if isinstance(room, str) and room.startswith(USER_ROOM_PREFIX) and self.server is not None:
            for sid, _eio_sid in list(self.get_participants(namespace, room)):
                self.server.disconnect(sid, namespace=namespace, ignore_queue=True)
        super()._handle_close_room(message)

    def _redis_listen_with_retries(self):
        """Listen on the channel; after an outage, tell this process's consoles to catch up.

        What other processes published while Redis was away never arrived here. The alerts are rows, so
        nothing is lost: `catch_up` names the id after which the consoles may have missed some, and each
        console reconnects from there; the replay brings it up to date (consoles de-duplicate by id).
        """
        pause, lost_at = 1, None
        while True:
            try:
                self._redis_connect()
                self.pubsub.subscribe(self.channel)
                if lost_at is not None:
                    self._catch_up(lost_at)
                    lost_at = None
                pause = 1
                yield from self.pubsub.listen()
            except Exception as error:  # whatever the client library raises while the queue is away
                if lost_at is None:
                    lost_at = datetime.now(UTC)
                    log.error(
                        "message queue unreachable (%s); retrying every %s s at most",
                        type(error).__name__,
                        LONGEST_PAUSE,
                    )
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)

    def _catch_up(self, lost_at: datetime) -> None:
        after_id = 0
        if self.replay_from is not None:
            try:
                after_id = self.replay_from(lost_at - IN_FLIGHT)
            except Exception:  # the database may be away too: from the start is always safe
                log.exception("could not find where the outage began; consoles replay from their start")
        log.warning("message queue reachable again; consoles of this process catch up after alert %s", after_id)
        self.server.emit("catch_up", {"after_id": after_id}, namespace=ALERTS_NAMESPACE, ignore_queue=True)


def last_alert_before(app: Any, moment: datetime) -> int:
    """The id of the newest alert raised before moment (0 when none): nothing up to it can have been missed."""
    from sqlalchemy import func, select

    from facility.alerts.models import Alert

    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        try:
            return session.scalar(select(func.max(Alert.id)).where(Alert.raised_at < moment)) or 0
        finally:
            session.close()


def client_manager_options(url: str | None, channel: str, app: Any = None) -> dict[str, Any]:
    """The SocketIO options for the message queue at url: ours for Redis, Flask-SocketIO's choice otherwise."""
    if url and url.startswith(("redis://", "rediss://")):
        replay_from = (lambda moment: last_alert_before(app, moment)) if app is not None else None
        return {"client_manager": RevokingRedisManager(url, replay_from, channel=channel, write_only=False)}
    return {"message_queue": url, "channel": channel}
