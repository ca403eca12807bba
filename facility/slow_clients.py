"""A deadline for a request's body: a client that sends its headers and then trickles (or withholds) the body
must not hold one of the server's connections, and with them everyone else's requests, for as long as it likes."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.exceptions import RequestTimeout

# The client's socket as gunicorn hands it to the app (its workers, eventlet and gevent alike, set it).
SOCKET_KEY = "gunicorn.socket"


class _BodyByDeadline:
    """wsgi.input whose reads give up at the deadline: each read waits on the socket only for the time left."""

    def __init__(self, stream: Any, sock: socket.socket, deadline: float) -> None:
        self.stream, self.sock, self.deadline = stream, sock, deadline

    def _in_time(self, read: Callable[..., Any], *args: Any) -> Any:
        left = self.deadline - time.monotonic()
        if left <= 0:
            self._give_up()
        before = self.sock.gettimeout()
        self.sock.settimeout(left)
        try:
            return read(*args)
        except TimeoutError:  # socket.timeout: the green sockets raise it too
            self._give_up()
        finally:
            self.sock.settimeout(before)

    def _give_up(self) -> None:
        # The rest of the body will never be read: the server closes the connection after the 408 instead of
        # waiting to drain it.
        try:
            self.sock.shutdown(socket.SHUT_RD)
        except OSError:
            pass
        raise RequestTimeout("the request body did not arrive in time")

    def read(self, *args: Any) -> bytes:
        return self._in_time(self.stream.read, *args)

    def readline(self, *args: Any) -> bytes:
        return self._in_time(self.stream.readline, *args)

    def readlines(self, *args: Any) -> list[bytes]:
        return self._in_time(self.stream.readlines, *args)

    def __iter__(self) -> Any:
        return iter(self.readline, b"")


class BodyDeadline:
    """WSGI middleware: a request with a body must have sent all of it within `seconds` of its headers."""

    def __init__(self, app: Callable, seconds: float) -> None:
        self.app, self.seconds = app, seconds

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        sock = environ.get(SOCKET_KEY)
        has_body = (
            environ.get("CONTENT_LENGTH", "0") not in ("", "0")
            or "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        )
        if sock is not None and has_body and self.seconds > 0:
            environ["wsgi.input"] = _BodyByDeadline(environ["wsgi.input"], sock, time.monotonic() + self.seconds)
        return self.app(environ, start_response)
