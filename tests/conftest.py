"""Fixtures: a database per test copied from a template (the demo loaded once per instant), apps, clients, a clock.

Set-up that does not change between tests happens once per worker: migrating, and loading the demo at the
instant a test's clock starts from. Each test then gets a copy (SQLite: a file copied with SQLite's backup;
PostgreSQL: `CREATE DATABASE … TEMPLATE …`), so no test sees another's records, in parallel or not.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from itertools import count
from urllib.parse import urlsplit

import pytest
from sqlalchemy import create_engine, text

from facility import create_app
from facility.config import TestingConfig
from facility.migrate import upgrade

PG_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = PG_URL.startswith("postgresql")
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")


def pytest_collection_modifyitems(config, items):
    """Longest first; service tests need Redis: skipped on a developer's SQLite run, required under CI.

    Run in parallel, tests are handed out one or two at a time as processes come free: the slow ones
    (marker `slow`) go first and the end-to-end tests next, so that no long test starts last.
    """
    items.sort(key=lambda item: 0 if item.get_closest_marker("slow") else 1 if item.get_closest_marker("e2e") else 2)
    for item in items:
        if "page" in item.keywords and "services" in item.keywords:
            raise pytest.UsageError(
                f"{item.nodeid}: a page test runs on SQLite only, a services test on "
                "PostgreSQL only; marked both, it would run in neither pass"
            )
    if os.environ.get("REDIS_URL"):
        return
    skip = pytest.mark.skip(reason="needs REDIS_URL (run by .ci/run against the loopback services)")
    for item in items:
        if "services" in item.keywords:
            if os.environ.get("FACILITY_REQUIRE_SERVICES"):
                raise pytest.UsageError("FACILITY_REQUIRE_SERVICES is set but REDIS_URL is not")
            item.add_marker(skip)


SLOW_SECONDS = 10.0


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Note a test that took longer than SLOW_SECONDS without a `slow` marker saying why."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.duration > SLOW_SECONDS and not item.get_closest_marker("slow"):
        report.user_properties.append(("unmarked_slow", round(report.duration, 1)))


def pytest_terminal_summary(terminalreporter):
    """List the slow tests that do not say why they are slow (a budget that shows, not a timed assertion)."""
    unmarked = [
        (report.nodeid, dict(report.user_properties)["unmarked_slow"])
        for report in terminalreporter.getreports("passed") + terminalreporter.getreports("failed")
        if "unmarked_slow" in dict(report.user_properties)
    ]
    if unmarked:
        terminalreporter.section(f"over {SLOW_SECONDS:.0f} s without @pytest.mark.slow(reason=...)")
        for nodeid, seconds in sorted(unmarked, key=lambda pair: -pair[1]):
            terminalreporter.line(f"{seconds:6.1f}s {nodeid}")


# The instant every test's clock starts at unless it says otherwise: fixed for the run, so the demo loaded at
# it once serves every test. Whole seconds, as the wall clock the tests used to start from. FACILITY_TEST_NOW
# (ISO, with its offset) pins it, to run the suite at an awkward hour: after UTC's midnight and before the
# facility's, or on a DST night.
RUN_STARTED = (
    datetime.fromisoformat(os.environ["FACILITY_TEST_NOW"]).astimezone(UTC)
    if os.environ.get("FACILITY_TEST_NOW")
    else datetime.now(UTC).replace(microsecond=0)
)


class Clock:
    """The app's notion of now, moved explicitly by tests."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now

    @classmethod
    def at(cls, moment: datetime) -> Clock:
        """A clock set to a chosen instant instead of the wall clock."""
        clock = cls()
        clock.now = moment
        return clock

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def sqlite_copy(source: str, target: str) -> None:
    """Copy one SQLite database into another through SQLite itself (WAL content included, readers respected)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


class Databases:
    """This worker's databases: a migrated template, demo templates by instant, and a fresh copy per test."""

    def __init__(self, folder) -> None:
        self.folder = folder
        self.serial = count()
        self.demos: dict[datetime, str] = {}
        if ON_POSTGRES:
            self.admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
            self.prefix = f"facility_{WORKER}_".lower()
            self._drop_leftovers()
        self.empty = self._new_name("empty")
        self._create(self.empty, None)
        upgrade(self.url(self.empty))

    def url(self, name: str) -> str:
        if ON_POSTGRES:
            return urlsplit(PG_URL)._replace(path=f"/{name}").geturl()
        return f"sqlite:///{name}"

    def fresh(self, template: str | None = None) -> str:
        """A new database copied from template (the migrated one by default); its name."""
        name = self._new_name("t")
        self._create(name, template or self.empty)
        return name

    def demo_template(self, moment: datetime) -> str:
        """The template holding the demo loaded at moment, made the first time it is asked for."""
        if moment not in self.demos:
            name = self.fresh()
            load_demo_into(self.url(name), Clock.at(moment))
            self.demos[moment] = name
        return self.demos[moment]

    def drop(self, name: str) -> None:
        if ON_POSTGRES:
            with self.admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        else:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(name + suffix):
                    os.remove(name + suffix)

    def close(self) -> None:
        if ON_POSTGRES:
            for name in [*self.demos.values(), self.empty]:
                self.drop(name)
            self.admin.dispose()

    def _new_name(self, kind: str) -> str:
        n = next(self.serial)
        return f"{self.prefix}{kind}{n}" if ON_POSTGRES else str(self.folder / f"{kind}{n}.db")

    def _create(self, name: str, template: str | None) -> None:
        if ON_POSTGRES:
            clause = f' TEMPLATE "{template}"' if template else ""
            with self.admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        elif template:
            sqlite_copy(template, name)

    def _drop_leftovers(self) -> None:
        """Databases an interrupted run of this worker left behind."""
        with self.admin.connect() as conn:
            names = conn.scalars(
                text("SELECT datname FROM pg_database WHERE datname LIKE :p"), {"p": self.prefix + "%"}
            ).all()
        for name in names:
            self.drop(name)


_demo_loader = None


def load_demo_into(database_url: str, clock: Clock) -> None:
    """The demo facility loaded into database_url at the clock's instant, as `flask facility demo` would.

    One app per worker does the loading (making an app costs more than a quarter of loading the demo); only
    the database and the clock change between loads.
    """
    global _demo_loader
    from sqlalchemy.orm import Session

    from facility.db import make_engine
    from facility.demo import load_demo

    if _demo_loader is None:
        _demo_loader = create_app(TestingConfig(database_url))
        _demo_loader.extensions["facility_db"].engine.dispose()
    engine = make_engine(database_url)
    try:
        with _demo_loader.app_context():
            _demo_loader.config["CLOCK"] = clock
            with Session(bind=engine, expire_on_commit=False) as session:
                load_demo(session)
                session.commit()
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    """This worker's templates (made once) and the per-test copies."""
    dbs = Databases(tmp_path_factory.mktemp("databases"))
    yield dbs
    dbs.close()


# The instant a test's demo was loaded at, kept on the test for the `demo` fixture to check.
DEMO_AT = pytest.StashKey[datetime]()


@pytest.fixture
def database_url(request, databases, clock):
    """A database of this test's own: with the demo at the clock's instant when the test asks for it."""
    template = databases.demo_template(clock.now) if "demo" in request.fixturenames else None
    request.node.stash[DEMO_AT] = clock.now
    name = databases.fresh(template)
    yield databases.url(name)
    databases.drop(name)


@pytest.fixture
def clock():
    """A clock standing at the run's start instant; tests move it. (End-to-end tests run on the wall clock.)"""
    return Clock.at(RUN_STARTED)


# Noon in New York on an ordinary weekday: the demo's recent history (admissions 2 h back) sits in one shift.
MIDSHIFT = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)


class ReusedApp:
    """One app per worker, put back to a fresh test configuration on each test's own database.

    Making an app costs about 0.2 s (most of it the OpenAPI document), as much as a typical test's body; what a
    test can change in it (settings, the notifier, rate-limit counts, the database it is bound to) is reset here.
    """

    def __init__(self) -> None:
        self.app = None
        self.settings: dict = {}
        self.extensions: dict = {}

    def for_test(self, database_url: str, clock: Clock):
        from sqlalchemy.orm import scoped_session, sessionmaker

        from facility.alerts.notifier import install
        from facility.db import make_engine
        from facility.extensions import db, limiter

        config = TestingConfig(database_url)
        config.CLOCK = clock
        if self.app is None:
            self.app = create_app(config)
            self.settings, self.extensions = dict(self.app.config), dict(self.app.extensions)
            return self.app
        app = self.app
        app.config.clear()
        app.config.update(self.settings)
        app.config.update(DATABASE_URL=database_url, CLOCK=clock)
        app.extensions.clear()
        app.extensions.update(self.extensions)
        install(app)
        # The one Database the app factory bound (a test that made an app of its own may have rebound it).
        db.engine = make_engine(database_url)
        db.factory = sessionmaker(bind=db.engine, expire_on_commit=False)
        db.session = scoped_session(db.factory)
        app.extensions["facility_db"] = db
        limiter.reset()
        return app


_reused_app = ReusedApp()


@pytest.fixture
def app(database_url, clock):
    app = _reused_app.for_test(database_url, clock)
    yield app
    app.extensions["facility_db"].engine.dispose()


@pytest.fixture
def session(app):
    with app.app_context():
        s = app.extensions["facility_db"].new_session()
        yield s
        s.close()


@pytest.fixture
def demo(request, app, clock):
    """The demo facility of API.md, loaded at the clock's instant when the test's database was made."""
    loaded_at = request.node.stash[DEMO_AT]
    if clock.now != loaded_at:
        pytest.fail(
            f"the demo was loaded at {loaded_at:%H:%M:%S} but the clock now says {clock.now:%H:%M:%S}: "
            "set a test's starting instant by overriding the `clock` fixture, not by moving it before "
            "the demo is asked for"
        )
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
    from facility.census.staff import create_user

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
