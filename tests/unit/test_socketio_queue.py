"""The private parts of python-socketio that the message queue relies on are still there and still behave.

`facility/alerts/socketio_queue.py` overrides and calls private methods of `socketio.RedisManager`; an upgrade of
python-socketio that renames, reshapes or stops calling any of them fails here first, not on a scaled-out unit
whose consoles no longer end at logout or no longer catch up after Redis was away.
"""

from __future__ import annotations

import inspect
import json

import pytest
import socketio

from facility.alerts import socketio_queue
from facility.alerts.queue import ALERTS_NAMESPACE, RevokingRedisManager
from facility.alerts.socketio_queue import ATTRIBUTES, PRIVATE, HookedRedisManager


@pytest.mark.parametrize("name", sorted(PRIVATE))
def test_each_private_method_relied_on_has_the_signature_it_had(name):
    found = getattr(socketio.RedisManager, name, None)
    assert found is not None, f"socketio.RedisManager.{name} is gone"
    assert str(inspect.signature(found)) == PRIVATE[name]


def test_the_listener_is_a_generator_and_the_attributes_read_are_set_by_the_manager():
    assert inspect.isgeneratorfunction(socketio.RedisManager._redis_listen_with_retries)
    manager = socketio.RedisManager("redis://127.0.0.1:1/0", channel="c", write_only=True)
    for name in ATTRIBUTES:
        assert hasattr(manager, name), name
    # Ours overrides exactly the private methods listed, nothing else private.
    overridden = {n for n in vars(HookedRedisManager) if n.startswith("_") and not n.startswith("__")}
    assert overridden <= set(PRIVATE)


class Stop(BaseException):
    """Ends python-socketio's listening thread (which retries after any Exception) at the end of the test."""


class Broke(BaseException):
    """An error the listening thread would only log (and then loop on): raised instead, so the test fails."""


def broke(message, *args, **kwargs):
    raise Broke(message)


class FakePubSub:
    """Redis pub/sub as the manager uses it: subscribe, then listen; each listen plays the next act."""

    def __init__(self, channel: str, acts: list) -> None:
        self.channel, self.acts, self.subscribed = channel, acts, []

    def subscribe(self, channel):
        self.subscribed.append(channel)

    def listen(self):
        act = self.acts.pop(0)
        if isinstance(act, BaseException):
            raise act
        for data in act:
            yield {"type": "message", "channel": self.channel.encode(), "data": json.dumps(data)}


def test_a_room_closed_elsewhere_disconnects_its_user_here_and_a_returning_queue_makes_consoles_catch_up(
    monkeypatch,
):
    replayed = []
    manager = RevokingRedisManager(
        "redis://127.0.0.1:1/0", lambda moment: replayed.append(moment) or 41, channel="facility-test"
    )
    server = socketio.Server(client_manager=manager, async_mode="threading")
    monkeypatch.setattr(server.logger, "exception", broke)
    sid = manager.connect("eio-1", ALERTS_NAMESPACE)
    manager.enter_room(sid, ALERTS_NAMESPACE, "user:7")
    close_elsewhere = {"method": "close_room", "room": "user:7", "namespace": ALERTS_NAMESPACE, "host_id": "other"}
    pubsub = FakePubSub("facility-test", [[close_elsewhere], ConnectionError("redis away"), Stop()])
    monkeypatch.setattr(manager, "_redis_connect", lambda: setattr(manager, "pubsub", pubsub))
    waits = []
    monkeypatch.setattr(socketio_queue.time, "sleep", waits.append)
    emitted = []
    monkeypatch.setattr(server, "emit", lambda event, data, **kw: emitted.append((event, data, kw["namespace"])))

    with pytest.raises(Stop):
        manager._thread()  # python-socketio's own listening loop, as the background task runs it

    assert not manager.is_connected(sid, ALERTS_NAMESPACE)  # the user's console ended on this process too
    assert list(manager.get_participants(ALERTS_NAMESPACE, "user:7")) == []
    assert pubsub.subscribed == ["facility-test"] * 3 and waits == [1]
    assert len(replayed) == 1 and emitted == [("catch_up", {"after_id": 41}, ALERTS_NAMESPACE)]
