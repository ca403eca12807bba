"""The real server: gunicorn with eventlet (and gevent), logging in over HTTP and reading the board."""

import pytest

from tests.e2e.conftest import login_session

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("worker", ["eventlet", "gevent"])
def test_real_server_serves_login_and_the_board(start_server, worker):
    server = start_server(worker)
    http = login_session(server, "worker1")
    board = http.get(server.url + "/api/v1/units/1/board")
    assert board.status_code == 200 and len(board.json()["residents"]) == 12
    assert http.get(server.url + "/api/v1/units/2/board").status_code == 404
    assert http.post(server.url + "/api/v1/auth/logout").status_code == 204
    assert http.get(server.url + "/api/v1/units/1/board").status_code == 401


def test_server_refuses_to_start_on_an_unmigrated_database(tmp_path):
    import subprocess
    import sys

    from tests.e2e.conftest import ROOT

    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"DATABASE_URL": f"sqlite:///{tmp_path}/empty.db", "SECRET_KEY": "x", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0 and "make migrate" in result.stderr
