"""A real gunicorn server on a free port, and headless Chromium driven by Playwright."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A gunicorn process serving wsgi:app."""

    def __init__(self, database_url: str, worker: str = "eventlet", **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"facility-e2e-{self.port}.log", "w+")
        self.environment = {**os.environ, "DATABASE_URL": database_url, "PORT": str(self.port),
                            "GUNICORN_WORKER": worker, "SECRET_KEY": "e2e-secret", "SCHEDULER_EMBEDDED": "0",
                            "SESSION_COOKIE_SECURE": "0", **env}  # plain HTTP, as under make run
        self._start()

    def _start(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
                                        cwd=ROOT, env=self.environment, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait()

    def unplug(self) -> None:
        """Take the server off the network (every connection refused) until plug_in()."""
        self.process.terminate()
        self.process.wait(10)

    def plug_in(self) -> None:
        """Serve again on the same address, the same database and the same session secret."""
        self._start()

    def _wait(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.output()}")
            try:
                if requests.get(self.url + "/healthz", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError(f"server did not answer: {self.output()}")

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-4000:]

    def stop(self) -> None:
        if self.process.poll() is not None:
            self.log.close()
            return
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture
def start_server(demo, database_url):
    """start_server(worker='eventlet', **env) → a running Server on the demo database."""
    started: list[Server] = []

    def start(worker: str = "eventlet", **env: str) -> Server:
        server = Server(database_url, worker, **env)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def login_session(server: Server, username: str, password: str = "facility-demo") -> requests.Session:
    """A requests session logged in over HTTP, sending the CSRF header on writes."""
    http = requests.Session()
    # A kept-alive connection may be closed by the server just as a request goes out on it (gunicorn drops idle
    # ones after two seconds); a write cannot be sent again blindly, so every request takes a connection of its own.
    http.headers["Connection"] = "close"
    # A read may still meet a reset under load: it is safe to send again.
    http.mount("http://", HTTPAdapter(max_retries=Retry(total=3, connect=3, read=3, status=0, backoff_factor=0.1,
                                                        allowed_methods=frozenset({"GET"}))))
    answer = http.post(server.url + "/api/v1/auth/login", json={"username": username, "password": password})
    answer.raise_for_status()
    http.headers["X-CSRFToken"] = answer.json()["csrf_token"]
    return http


def page_login(page, server: Server, username: str, password: str = "facility-demo", next_path: str = "") -> None:
    """Log in through the login page like a person would."""
    page.goto(server.url + "/login" + (f"?next={next_path}" if next_path else ""))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def end_session(page, context) -> None:
    """The session is gone, as after the idle logout (once no answer in flight can set its cookie again)."""
    page.wait_for_load_state("networkidle")
    context.clear_cookies()


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def playwright_driver():
    """Playwright started for one test, with Debian's Chromium checked to be there."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture
def browser(playwright_driver):
    """Headless Debian Chromium; Playwright's own browser downloads are never used."""
    instance = playwright_driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield instance
    instance.close()


@pytest.fixture
def camera_browser(playwright_driver, tmp_path):
    """camera_browser(token) → headless Chromium whose camera shows the QR code of token (permission granted)."""
    from tests.e2e.camera import write_qr_video

    launched = []

    def launch(token: str):
        video = write_qr_video(tmp_path / f"camera-{len(launched)}.y4m", token)
        instance = playwright_driver.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=[*CHROMIUM_ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                  f"--use-file-for-fake-video-capture={video}"])
        launched.append(instance)
        return instance

    yield launch
    for instance in launched:
        instance.close()
