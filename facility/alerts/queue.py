"""The Socket.IO message queue, with two additions: closing a user's room closes their sockets on every process, and
after the queue was away this process's consoles catch up. The hooks come from `facility.alerts.socketio_queue`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from facility.alerts.socketio_queue import HookedRedisManager

log = logging.getLogger(__name__)

USER_ROOM_PREFIX = "user:"
ALERTS_NAMESPACE = "/alerts"
LONGEST_PAUSE = 8  # seconds between tries while Redis is away: a returning queue is noticed within that
# A push published just before the queue was seen to fail may have been lost with it.
IN_FLIGHT = timedelta(seconds=10)


class RevokingRedisManager(HookedRedisManager):
    """A Redis client manager whose close of a `user:<id>` room also disconnects that user's sockets.

    close_room travels through Redis to every web process, so a logout, a password change or a deactivation
    handled by one process ends the user's consoles on all of them.

    `replay_from(moment)` gives the id after which alerts may have been missed when the queue failed at moment.
    """

    def __init__(self, url: str, replay_from: Callable[[datetime], int] | None = None, **options: Any) -> None:
        super().__init__(url, **options)
        self.replay_from = replay_from
        self.pause = 1  # seconds before the next try while the queue is away, doubling up to LONGEST_PAUSE
        self.lost_at: datetime | None = None

    def room_closing(self, room: str, namespace: str) -> None:
        if room.startswith(USER_ROOM_PREFIX):
            for sid, _eio_sid in list(self.get_participants(namespace, room)):
                self.server.disconnect(sid, namespace=namespace, ignore_queue=True)

    def listening(self) -> None:
        """After an outage, tell this process's consoles to catch up.

        What other processes published while Redis was away never arrived here. The alerts are rows, so
        nothing is lost: `catch_up` names the id after which the consoles may have missed some, and each
        console reconnects from there; the replay brings it up to date (consoles de-duplicate by id).
        """
        if self.lost_at is not None:
            self._catch_up(self.lost_at)
            self.lost_at = None
        self.pause = 1

    def listen_failed(self, error: Exception) -> float:
        if self.lost_at is None:
            self.lost_at = datetime.now(UTC)
            log.error(
                "message queue unreachable (%s); retrying every %s s at most", type(error).__name__, LONGEST_PAUSE
            )
        pause, self.pause = self.pause, min(self.pause * 2, LONGEST_PAUSE)
        return pause

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
