"""Fixtures: a migrated database per test (SQLite copy or truncated PostgreSQL), apps, clients, a clock."""
from __future__ import annotations

import os
import shutil
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, text

from facility import create_app
from facility.config import TestingConfig
from facility.migrate import upgrade
from facility.models import Base

PG_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = PG_URL.startswith("postgresql")


def pytest_collection_modifyitems(config, items):
    """Service tests need Redis: skipped on a developer's SQLite run, required under CI."""
    if os.environ.get("REDIS_URL"):
        return
    skip = pytest.mark.skip(reason="needs REDIS_URL (run by .ci/run against the loopback services)")
    for item in items:
        if "services" in item.keywords:
            if os.environ.get("FACILITY_REQUIRE_SERVICES"):
                raise pytest.UsageError("FACILITY_REQUIRE_SERVICES is set but REDIS_URL is not")
            item.add_marker(skip)


class Clock:
    """The app's notion of now, moved explicitly by tests."""

    def __init__(self) -> None:
        self.now = datetime.now(timezone.utc).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now

    @classmethod
    def at(cls, moment: datetime) -> "Clock":
        """A clock set to a chosen instant instead of the wall clock."""
        clock = cls()
        clock.now = moment
        return clock

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture(scope="session")
def template_db(tmp_path_factory):
    """A migrated SQLite file copied for every test (PostgreSQL: migrated once, truncated per test)."""
    if ON_POSTGRES:
        engine = create_engine(PG_URL)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
        upgrade(PG_URL)
        return None
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def database_url(template_db, tmp_path):
    if ON_POSTGRES:
        engine = create_engine(PG_URL)
        tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
        with engine.begin() as conn:
            # The append-only tables refuse TRUNCATE by trigger; a fresh test database is the one exception.
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        engine.dispose()
        return PG_URL
    path = tmp_path / "facility.db"
    shutil.copy(template_db, path)
    return f"sqlite:///{path}"


@pytest.fixture
def clock():
    return Clock()


# Noon in New York on an ordinary weekday: the demo's recent history (admissions 2 h back) sits in one shift.
MIDSHIFT = datetime(2026, 6, 10, 16, 0, tzinfo=timezone.utc)


@pytest.fixture
def app(database_url, clock):
    config = TestingConfig(database_url)
    config.CLOCK = clock
    app = create_app(config)
    yield app
    app.extensions["facility_db"].engine.dispose()


@pytest.fixture
def session(app):
    with app.app_context():
        s = app.extensions["facility_db"].new_session()
        yield s
        s.close()


@pytest.fixture
def demo(app):
    """The demo facility of API.md."""
    from facility.demo import load_demo

    with app.app_context():
        s = app.extensions["facility_db"].new_session()
        load_demo(s)
        s.commit()
        s.close()
    return app


class ApiClient:
    """A Flask test client logged in as one user, sending the CSRF header on writes."""

    def __init__(self, app, username: str | None = None, password: str = "facility-demo") -> None:
        self.http = app.test_client()
        self.csrf = None
        self.user = None
        if username:
            answer = self.http.post("/api/v1/auth/login", json={"username": username, "password": password})
            assert answer.status_code == 200, answer.get_json()
            self.csrf = answer.get_json()["csrf_token"]
            self.user = answer.get_json()["user"]

    def get(self, path, **kw):
        return self.http.get(path, **kw)

    def post(self, path, json=None, **kw):
        return self._write(self.http.post, path, json, **kw)

    def patch(self, path, json=None, **kw):
        return self._write(self.http.patch, path, json, **kw)

    def put(self, path, json=None, **kw):
        return self._write(self.http.put, path, json, **kw)

    def _write(self, send, path, json=None, **kw):
        headers = kw.pop("headers", {})
        if self.csrf:
            headers.setdefault("X-CSRFToken", self.csrf)
        return send(path, json=json, headers=headers, **kw)


@pytest.fixture
def add_staff(demo):
    """add_staff(username, unit names, role) → a staff account with the demo password, made as the CLI would."""
    from facility.auth.models import Role
    from facility.auth.services import create_user

    def add(username: str, unit_names: list[str], role: str = "nurse") -> None:
        with demo.app_context():
            session = demo.extensions["facility_db"].new_session()
            create_user(session, username, username.title(), Role(role), "facility-demo", unit_names)
            session.commit()
            session.close()

    return add


@pytest.fixture
def south_nurse(add_staff):
    """A nurse of South only (the demo's South has a worker, whom the alert stream refuses)."""
    add_staff("nurse2", ["South"])
    return "nurse2"


@pytest.fixture
def login(demo):
    """login('nurse1') → an ApiClient for that demo user."""
    return lambda username, **kw: ApiClient(demo, username, **kw)


def new_uid() -> str:
    return str(uuid.uuid4())


def iso(moment: datetime) -> str:
    return moment.isoformat()
