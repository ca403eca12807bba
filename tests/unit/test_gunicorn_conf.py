"""gunicorn.conf.py's helpers: tokens kept out of the access log, wsgi.errors written a whole line at a time."""

import io
import runpy
from pathlib import Path

CONF = runpy.run_path(str(Path(__file__).parents[2] / "gunicorn.conf.py"))


def test_a_presence_codes_token_is_masked_wherever_a_path_carries_it():
    mask = CONF["mask_tokens"]
    assert mask("GET /api/v1/presence-codes/AbC-123_xyz HTTP/1.1") == "GET /api/v1/presence-codes/… HTTP/1.1"
    assert mask("/api/v1/presence-codes/AbC-123_xyz/rotate?x=1") == "/api/v1/presence-codes/…/rotate?x=1"
    assert mask("/api/v1/units/1/presence-codes") == "/api/v1/units/1/presence-codes"
    assert mask(200) == 200


def test_eventlets_shutdown_note_ends_its_own_line_before_the_next_log_line():
    stream = io.StringIO()

    def websocket(environ, start_response):
        environ["wsgi.errors"].write("server=127.0.0.1/socket.io/ client=127.0.0.1:5 socket shutdown error: [Errno 9]")
        return []

    CONF["whole_error_lines"](websocket)({"wsgi.errors": stream}, None)
    stream.write('127.0.0.1 - - "GET /healthz HTTP/1.1" 200\n')  # the next access-log line
    assert stream.getvalue().splitlines() == [
        "server=127.0.0.1/socket.io/ client=127.0.0.1:5 socket shutdown error: [Errno 9]",
        '127.0.0.1 - - "GET /healthz HTTP/1.1" 200',
    ]
