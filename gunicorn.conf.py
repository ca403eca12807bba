"""gunicorn settings: the server entry point, the only place that knows which green library runs."""

import json
import os
import re

from gunicorn import glogging, util

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = 1  # Socket.IO needs sticky sessions; scale out with more processes behind a balancer
worker_class = os.environ.get("GUNICORN_WORKER", "eventlet")
timeout = 60
graceful_timeout = 5
accesslog = "-"
# The longest request line gunicorn can take (its default is 4094); a longer one is answered 400 in the API's
# JSON error shape (see _json_error below), not gunicorn's HTML page.
limit_request_line = 8190
# Socket.IO must use the same concurrency library as the worker.
raw_env = [f"SOCKETIO_ASYNC_MODE={'gevent' if 'gevent' in worker_class else 'eventlet'}"]

# A presence code's token is a label's whole secret: the access log keeps the path without it.
_TOKEN_IN_PATH = re.compile(r"(/presence-codes/)[^/?#\s]+")


def mask_tokens(text):
    """text with every presence-code token in a path replaced by '…'."""
    return _TOKEN_IN_PATH.sub(r"\1…", text) if isinstance(text, str) else text


class MaskingLogger(glogging.Logger):
    """gunicorn's logger, whose access lines never carry a presence-code token (request line, path, referer)."""

    def atoms(self, resp, req, environ, request_time):
        return {name: mask_tokens(value) for name, value in super().atoms(resp, req, environ, request_time).items()}


logger_class = MaskingLogger


def _json_error(sock, status_int, reason, mesg):
    """gunicorn's answer to a request it cannot parse (a request line too long …), in the API's JSON error shape."""
    body = json.dumps({"code": status_int, "status": reason, "message": mask_tokens(mesg)}).encode()
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode("latin1")
    util.write_nonblock(sock, head + body)


class WholeLines:
    """wsgi.errors that writes whole lines: eventlet's websocket writes 'socket shutdown error' without a newline,
    which ran into the next access-log line. What is left without one is ended when the request ends."""

    def __init__(self, stream):
        self.stream, self.pending = stream, ""

    def write(self, text):
        self.pending += text.decode("utf-8", "replace") if isinstance(text, bytes) else text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            self.stream.write(line + "\n")

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        if self.pending:
            self.stream.write(self.pending + "\n")
            self.pending = ""
        self.stream.flush()


def whole_error_lines(wsgi_app):
    """Wrap a WSGI app so that what it writes to wsgi.errors comes out one line at a time."""

    def app(environ, start_response):
        errors = environ["wsgi.errors"] = WholeLines(environ["wsgi.errors"])
        try:
            return wsgi_app(environ, start_response)
        finally:
            errors.flush()

    return app


def post_worker_init(worker):
    """Route the app's logs through gunicorn's; start the embedded scheduler unless it runs on its own."""
    import logging

    from facility.scheduler import start_embedded

    util.write_error = _json_error  # what the worker answers a request it cannot parse
    worker.wsgi.wsgi_app = whole_error_lines(worker.wsgi.wsgi_app)
    app_log = logging.getLogger("facility")
    app_log.handlers = worker.log.error_log.handlers
    app_log.setLevel(logging.INFO)
    app_log.propagate = False
    start_embedded(worker.wsgi)
