"""The real server at its edges: what its access log keeps of a presence code, request lines too long for it."""

import time

import pytest

from tests.e2e.conftest import login_session

pytestmark = pytest.mark.e2e


def log_of(server, until: str, timeout: float = 10) -> str:
    """The server's whole log once it holds `until` (an access line is written just after its answer)."""
    deadline = time.monotonic() + timeout
    while True:
        server.log.flush()
        text = open(server.log.name).read()
        if until in text or time.monotonic() > deadline:
            return text
        time.sleep(0.1)


def test_the_access_log_keeps_a_scanned_codes_path_without_its_token(start_server):
    server = start_server()
    lead = login_session(server, "lead1")
    token = lead.get(server.url + "/api/v1/units/1/presence-codes").json()[0]["token"]
    assert lead.get(f"{server.url}/api/v1/presence-codes/{token}").status_code == 200
    assert lead.get(f"{server.url}/api/v1/presence-codes/{token}x").status_code == 404
    log = log_of(server, until='"GET /api/v1/presence-codes/… HTTP/1.1" 404')
    assert '"GET /api/v1/presence-codes/… HTTP/1.1" 200' in log
    assert token not in log


def test_a_request_line_too_long_is_answered_in_the_json_error_shape(start_server):
    server = start_server()
    roomy = requests_get(server, "/api/v1/units?q=" + "a" * 6000)  # over gunicorn's default 4094, under 8190
    assert roomy.status_code == 401 and roomy.json()["code"] == 401
    too_long = requests_get(server, "/api/v1/units?q=" + "a" * 8200)
    assert too_long.status_code == 400 and too_long.headers["Content-Type"] == "application/json"
    body = too_long.json()
    assert body["code"] == 400 and body["status"] == "Bad Request" and "too large" in body["message"]


def requests_get(server, path):
    import requests

    return requests.get(server.url + path, headers={"Connection": "close"}, timeout=10)
