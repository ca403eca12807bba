"""Slow clients without a login (slowloris): a socket that announces a body and never sends it is answered 408 and
closed at the deadline, one that never finishes its headers is closed too, and the server answers others meanwhile."""

from __future__ import annotations

import socket
import time

import pytest
import requests

pytestmark = pytest.mark.e2e

DEADLINE = 2.0  # CLIENT_BODY_TIMEOUT, short for the test; gunicorn's keepalive (2 s) bounds the headers
MARGIN = 8.0  # a loaded machine's scheduling, never the deadline itself
SLOW_BODIES, SLOW_HEADERS = 40, 10


def slow_socket(server, data: bytes) -> socket.socket:
    """A connection that sends data and then nothing at all."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    sock.sendall(data)
    return sock


def until_closed(sock: socket.socket, by: float) -> bytes | None:
    """Everything the server sent before it closed the connection; None if it was still open at `by`."""
    received = b""
    try:
        while (left := by - time.monotonic()) > 0:
            sock.settimeout(left)
            chunk = sock.recv(65536)
            if not chunk:
                return received
            received += chunk
        return None
    except TimeoutError:
        return None
    except ConnectionResetError:
        return received
    finally:
        sock.close()


@pytest.mark.slow(reason="starts a server of its own per worker and waits out the body deadline on 50 sockets")
@pytest.mark.parametrize("worker", ["eventlet", "gevent"])
def test_slow_clients_are_cut_off_at_the_deadline_while_others_are_answered(start_server, worker):
    server = start_server(worker, CLIENT_BODY_TIMEOUT=str(DEADLINE))
    login = (
        b"POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100000\r\n\r\n"
    )
    began = time.monotonic()
    withheld = [slow_socket(server, login + b'{"username":') for _ in range(SLOW_BODIES)]  # 12 bytes of 100,000
    unfinished = [slow_socket(server, login[:60]) for _ in range(SLOW_HEADERS)]

    health = requests.get(server.url + "/healthz", timeout=DEADLINE + MARGIN)
    assert health.status_code == 200

    by = began + DEADLINE + MARGIN
    answers = [until_closed(sock, by) for sock in withheld]
    assert all(answer is not None for answer in answers), "a slow body was still holding its connection"
    assert all(answer.startswith(b"HTTP/1.1 408 ") for answer in answers), answers[0][:200]
    assert b'"code": 408' in answers[0] or b'"code":408' in answers[0]
    assert all(until_closed(sock, by) is not None for sock in unfinished), "slow headers were still being awaited"
    # Cut off at the deadline, not before: an honest client on a slow link has the whole of it.
    assert time.monotonic() - began >= DEADLINE
    assert requests.get(server.url + "/healthz", timeout=5).status_code == 200
