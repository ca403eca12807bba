"""The body deadline on its own: a socket pair stands in for the client's connection."""

import socket
import time

import pytest
from werkzeug.exceptions import RequestTimeout

from facility.slow_clients import BodyDeadline


def reading_app(environ, start_response):
    """A WSGI app that reads the whole body it was promised, as a JSON endpoint does."""
    body = environ["wsgi.input"].read(int(environ["CONTENT_LENGTH"]))
    start_response("200 OK", [])
    return [body]


def request_over(server_side: socket.socket, length: int) -> dict:
    return {"gunicorn.socket": server_side, "CONTENT_LENGTH": str(length), "wsgi.input": server_side.makefile("rb")}


@pytest.fixture
def connection():
    server_side, client_side = socket.socketpair()
    yield server_side, client_side
    server_side.close()
    client_side.close()


def test_a_body_that_stops_coming_is_a_408_at_the_deadline_and_the_connection_is_read_no_more(connection):
    server_side, client_side = connection
    client_side.sendall(b'{"username":')
    began = time.monotonic()
    with pytest.raises(RequestTimeout):
        BodyDeadline(reading_app, 0.3)(request_over(server_side, 100_000), lambda *a: None)
    assert time.monotonic() - began >= 0.3
    assert server_side.recv(10) == b""  # shut for reading: the server drops it after the answer
    assert server_side.gettimeout() is None  # the socket is as the server left it


def test_a_body_sent_in_time_reaches_the_app_whole(connection):
    server_side, client_side = connection
    client_side.sendall(b'{"username": "nurse1"}')
    answer = BodyDeadline(reading_app, 5)(request_over(server_side, 22), lambda *a: None)
    assert answer == [b'{"username": "nurse1"}']
    assert server_side.gettimeout() is None


def test_a_request_without_a_body_or_outside_gunicorn_is_left_alone(connection):
    server_side, _client_side = connection
    given = []
    app = BodyDeadline(lambda environ, _start: given.append(environ["wsgi.input"]) or [], 0.1)
    no_body, no_socket = object(), object()
    app({"gunicorn.socket": server_side, "CONTENT_LENGTH": "", "wsgi.input": no_body}, None)
    app({"CONTENT_LENGTH": "5", "wsgi.input": no_socket}, None)
    assert given == [no_body, no_socket]
