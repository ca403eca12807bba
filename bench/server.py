"""A gunicorn+eventlet server of the app on a fresh SQLite (or DATABASE_URL) database holding the demo."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def databases() -> list[str | None]:
    """The databases a server benchmark runs on: a new SQLite file, then DATABASE_URL when it is set."""
    return [None, *([os.environ["DATABASE_URL"]] if os.environ.get("DATABASE_URL") else [])]


def prepared_database(url: str | None = None) -> str:
    """url (emptied and migrated), else a new SQLite file; the demo loaded either way."""
    if url is None:
        folder = tempfile.mkdtemp(prefix="facility-bench-")
        atexit.register(shutil.rmtree, folder, True)
        url = f"sqlite:///{os.path.join(folder, 'bench.db')}"
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench"}
    if url.startswith("postgresql"):
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    for command in (["migrate"], ["demo"]):
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", "facility", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    return url


class BenchServer:
    """One gunicorn process (eventlet), no embedded scheduler, quiet access log."""

    def __init__(self, database_url: str, app: str = "wsgi:app", **env: str) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "PORT": str(self.port),
            "SECRET_KEY": "bench",
            "SCHEDULER_EMBEDDED": "0",
            "LOGIN_RATE_LIMIT": "1000 per minute",
            "GUNICORN_WORKER": "eventlet",
            "SESSION_COOKIE_SECURE": "0",
            "LOGIN_ACCOUNT_LIMIT": "1000 per minute",
            **env,
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--access-logfile", "/dev/null", app],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the bench server did not start")

    def login(self, username: str) -> requests.Session:
        http = requests.Session()
        answer = http.post(self.url + "/api/v1/auth/login", json={"username": username, "password": "facility-demo"})
        answer.raise_for_status()
        http.headers["X-CSRFToken"] = answer.json()["csrf_token"]
        return http

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
