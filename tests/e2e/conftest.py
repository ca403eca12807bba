"""A real gunicorn server on a free port, and headless Chromium driven by Playwright.

What is costly and does not change between tests is made once: Chromium per run (a new context per test), and
for page tests (marker `page`) a server per setting per run whose database is put back to the test's own demo
before each test. A test about the server itself (crash, faults, the scheduler, Redis) gets a server of its own.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from facility.config import TEST_PASSWORD_HASH
from tests.conftest import DEMO_AT, ON_POSTGRES, Clock, load_demo_into, sqlite_copy

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# The demo's accounts are hashed cheaply by the test process; the server hashes the same way instead of
# re-hashing every password to production strength at its first login.
CHEAP_HASHING = {f"ARGON2_{key.upper()}": str(value) for key, value in TEST_PASSWORD_HASH.items()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A gunicorn process serving wsgi:app."""

    # Stopped at once, master and worker together: a graceful stop waits out open sockets (4 s), even gunicorn's
    # quick one (SIGQUIT) takes 2 s, and every record a test made was committed before its answer.
    QUIT_SIGNAL = signal.SIGKILL

    def __init__(self, database_url: str, worker: str = "eventlet", **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"facility-e2e-{self.port}.log", "w+")
        self.environment = {
            **os.environ,
            "DATABASE_URL": database_url,
            "PORT": str(self.port),
            "GUNICORN_WORKER": worker,
            "SECRET_KEY": "e2e-secret",
            "SCHEDULER_EMBEDDED": "0",
            "SESSION_COOKIE_SECURE": "0",
            **CHEAP_HASHING,
            **env,
        }  # plain HTTP, as under make run
        self._start()

    def _start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
            cwd=ROOT,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait()

    def unplug(self) -> None:
        """Take the server off the network (every connection refused) until plug_in()."""
        self._quit()

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

    def _quit(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, self.QUIT_SIGNAL)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)

    def stop(self) -> None:
        self._quit()
        self.log.close()


@pytest.fixture
def clock():
    """The wall clock's instant: the servers run on the wall clock, so their demo is loaded at it."""
    return Clock()


@pytest.fixture(scope="session")
def page_servers(tmp_path_factory):
    """The page tests' servers by (worker, settings), kept for the run, and the database file they serve."""
    servers: dict[tuple, Server] = {}
    path = tmp_path_factory.mktemp("pages") / "served.db"
    yield servers, str(path)
    for server in servers.values():
        server.stop()


@pytest.fixture
def database_url(request, databases, clock):
    """A database of the test's own with the demo loaded at the wall clock's instant when it asks for it.

    A page test's is the file the page servers serve, put back to this test's state in place."""
    wants_demo = "demo" in request.fixturenames
    if request.node.get_closest_marker("page") and not ON_POSTGRES:
        _servers, path = request.getfixturevalue("page_servers")
        sqlite_copy(databases.empty, path)
        if wants_demo:
            load_demo_into(databases.url(path), clock)
        request.node.stash[DEMO_AT] = clock.now
        yield databases.url(path)
        return
    name = databases.fresh()
    if wants_demo:
        load_demo_into(databases.url(name), clock)
    request.node.stash[DEMO_AT] = clock.now
    yield databases.url(name)
    databases.drop(name)


@pytest.fixture
def start_server(request, demo, database_url):
    """start_server(worker='eventlet', **env) → a running Server on the demo database.

    In a page test the run's server with the same settings is reused (its database was reset for this test);
    elsewhere every call starts a server of the test's own, stopped after it."""
    started: list[Server] = []
    shared = request.getfixturevalue("page_servers")[0] if request.node.get_closest_marker("page") else None
    # Logins are counted per test, even where every server of the run shares one Redis.
    prefix = f"t{uuid.uuid4().hex[:12]}"

    def start(worker: str = "eventlet", **env: str) -> Server:
        # A server with the scheduler sweeps whatever database it serves: it lives for this test only.
        if shared is not None and env.get("SCHEDULER_EMBEDDED", "0") != "1":
            key = (worker, tuple(sorted(env.items())))
            server = shared.get(key)
            if server is None or server.process.poll() is not None:
                server = shared[key] = Server(database_url, worker, **env)
            return server
        server = Server(database_url, worker, RATELIMIT_KEY_PREFIX=prefix, **env)
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
    http.mount(
        "http://",
        HTTPAdapter(
            max_retries=Retry(
                total=3, connect=3, read=3, status=0, backoff_factor=0.1, allowed_methods=frozenset({"GET"})
            )
        ),
    )
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
    """The session is gone, as after the idle logout (once no answer in flight can set its cookie again).

    Every answer of a live session sets its cookie again (the idle clock), so a poll sent just before the cookies
    were cleared could bring the session back: clear until the page is quiet with no cookie left."""
    page.wait_for_load_state("networkidle")
    for _ in range(5):
        context.clear_cookies()
        page.wait_for_timeout(1500)  # an answer already on its way lands (and is seen) in this time
        if not context.cookies():
            return
    raise AssertionError("the page kept its session cookie")


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def playwright_driver():
    """Playwright started once per run, with Debian's Chromium checked to be there."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium(playwright_driver):
    """Headless Debian Chromium, launched once per run; Playwright's own browser downloads are never used."""
    instance = playwright_driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield instance
    instance.close()


class BrowserOfOneTest:
    """The run's Chromium as one test sees it: every context it opens is closed when the test ends."""

    def __init__(self, instance) -> None:
        self.instance = instance
        self.contexts: list = []

    def new_context(self, **options):
        context = self.instance.new_context(**options)
        self.contexts.append(context)
        return context

    def new_page(self, **options):
        return self.new_context(**options).new_page()

    def close(self) -> None:
        for context in self.contexts:
            try:
                context.close()
            except Exception:
                pass


@pytest.fixture
def browser(chromium):
    """Contexts of the shared Chromium for one test (cookies, storage and service workers of its own)."""
    contexts = BrowserOfOneTest(chromium)
    yield contexts
    contexts.close()


@pytest.fixture
def camera_browser(playwright_driver, tmp_path):
    """camera_browser(token) → headless Chromium whose camera shows the QR code of token (permission granted)."""
    from tests.e2e.camera import write_qr_video

    launched = []

    def launch(token: str):
        video = write_qr_video(tmp_path / f"camera-{len(launched)}.y4m", token)
        instance = playwright_driver.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                *CHROMIUM_ARGS,
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-video-capture={video}",
            ],
        )
        launched.append(instance)
        return instance

    yield launch
    for instance in launched:
        instance.close()
