"""Settings read from the environment, with a testing variant."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.lower() in {"1", "true", "yes", "on"}


def default_database_url() -> str:
    """SQLite in instance/ unless DATABASE_URL names another database."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE / 'facility.db'}"


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one kept in instance/ so sessions survive restarts."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = INSTANCE / "secret_key"
    INSTANCE.mkdir(exist_ok=True)
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


# What the test configuration and the test servers hash with; never a production setting.
TEST_PASSWORD_HASH = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}


class Config:
    """Production-like defaults; every value can be set through the environment."""

    def __init__(self) -> None:
        self.SECRET_KEY = _secret_key()
        self.DATABASE_URL = default_database_url()
        self.FACILITY_TIMEZONE = os.environ.get("FACILITY_TIMEZONE", "America/New_York")
        self.SOCKETIO_MESSAGE_QUEUE = os.environ.get("SOCKETIO_MESSAGE_QUEUE") or None
        self.SOCKETIO_ASYNC_MODE = os.environ.get("SOCKETIO_ASYNC_MODE") or "threading"
        self.SESSION_IDLE_MINUTES = _int("SESSION_IDLE_MINUTES", 15)
        # Finer than minutes, for tests of the idle lock (0: the minutes hold); the minutes are what one sets.
        self.SESSION_IDLE_SECONDS = _int("SESSION_IDLE_SECONDS", 0)
        self.LATE_ENTRY_MINUTES = _int("LATE_ENTRY_MINUTES", 10)
        self.FUTURE_TOLERANCE_MINUTES = _int("FUTURE_TOLERANCE_MINUTES", 2)
        # Older client times are refused: a record this late is a typo or a clock gone wrong.
        self.LATE_ENTRY_LIMIT_DAYS = _int("LATE_ENTRY_LIMIT_DAYS", 7)
        self.ROUNDS_GRACE_MINUTES = _int("ROUNDS_GRACE_MINUTES", 2)
        # A scanned check proves presence only when the code was read within this many seconds of the check's time.
        self.SCAN_WINDOW_SECONDS = _int("SCAN_WINDOW_SECONDS", 120)
        # Login throttling (facility/auth/throttle.py): wrong passwords per account from one address; per account
        # from anywhere before each one holds it LOGIN_BACKOFF_SECONDS; different accounts failed per address.
        self.LOGIN_ACCOUNT_LIMIT = os.environ.get("LOGIN_ACCOUNT_LIMIT", "5/minute;10/10 minutes;20/hour")
        self.LOGIN_BACKOFF_AFTER = os.environ.get("LOGIN_BACKOFF_AFTER", "5 per 10 minutes")
        self.LOGIN_BACKOFF_SECONDS = _int("LOGIN_BACKOFF_SECONDS", 20)
        self.LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "30 per 10 minutes")
        self.LOGIN_KNOWN_DAYS = _int("LOGIN_KNOWN_DAYS", 30)
        self.RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or os.environ.get("REDIS_URL", "memory://")
        # Several deployments (or test runs) may share one Redis: each counts under its own prefix.
        self.RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "")
        self.RATELIMIT_HEADERS_ENABLED = True
        # Redis out of reach must not lock the floor out: count in this process until it is back.
        self.RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
        self.RATELIMIT_SWALLOW_ERRORS = True
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        # Secure unless told otherwise: `make run` (plain HTTP on localhost) and the tests turn it off.
        self.SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
        # argon2id's cost; empty keeps the library's own parameters (RFC 9106's low-memory profile). An operator
        # may raise them for stronger hardware; the test configuration alone lowers them.
        self.PASSWORD_HASH = {
            key: int(os.environ[f"ARGON2_{key.upper()}"])
            for key in ("time_cost", "memory_cost", "parallelism")
            if os.environ.get(f"ARGON2_{key.upper()}")
        }
        self.WTF_CSRF_TIME_LIMIT = None
        self.WTF_CSRF_SSL_STRICT = self.SESSION_COOKIE_SECURE
        # Bodies past 1 MB are refused (413) before they are parsed; a sync batch is at most 500 records.
        self.MAX_CONTENT_LENGTH = _int("MAX_CONTENT_LENGTH", 1024 * 1024)
        # A client has this long to send a request's body once its headers are in (gunicorn's `keepalive`, 2 s,
        # bounds the headers); then 408 and the connection is closed. Behind nginx the proxy buffers bodies first.
        self.CLIENT_BODY_TIMEOUT = float(os.environ.get("CLIENT_BODY_TIMEOUT", 30))
        # How many reverse proxies stand in front (nginx: 1) and may say who the client is; 0 trusts no header.
        self.PROXY_HOPS = _int("PROXY_HOPS", 0)
        self.SOCKETIO_CHANNEL = os.environ.get("SOCKETIO_CHANNEL") or "flask-socketio"
        self.SCHEDULER_EMBEDDED = _bool("SCHEDULER_EMBEDDED", True)
        self.SWEEP_SECONDS = _int("SWEEP_SECONDS", 30)
        self.SCHEDULER_RETRY_SECONDS = _int("SCHEDULER_RETRY_SECONDS", 10)
        self.ESCALATE_CRITICAL_SECONDS = _int("ESCALATE_CRITICAL_SECONDS", 120)
        self.ESCALATE_WARNING_SECONDS = _int("ESCALATE_WARNING_SECONDS", 600)
        # A referral sent this many days ago without an answer raises referral_stale.
        self.REFERRAL_STALE_DAYS = _int("REFERRAL_STALE_DAYS", 7)
        # How long after an incident of suspected abuse or neglect its mandated report may wait (mandated_report_due).
        self.MANDATED_REPORT_HOURS = _int("MANDATED_REPORT_HOURS", 24)
        self.CHECK_SCHEMA = True
        self.TESTING = False
        self.API_TITLE = "facility"
        self.API_VERSION = "v1"
        self.OPENAPI_VERSION = "3.0.3"
        self.OPENAPI_URL_PREFIX = "/api/v1"
        self.OPENAPI_JSON_PATH = "openapi.json"


class TestingConfig(Config):
    """Isolated settings for the test suite; the database URL is given by the fixture."""

    def __init__(self, database_url: str | None = None) -> None:
        super().__init__()
        self.TESTING = True
        self.SECRET_KEY = "test-secret"
        if database_url:
            self.DATABASE_URL = database_url
        self.SCHEDULER_EMBEDDED = False
        self.RATELIMIT_STORAGE_URI = "memory://"
        self.SOCKETIO_ASYNC_MODE = "threading"
        self.SESSION_COOKIE_SECURE = self.WTF_CSRF_SSL_STRICT = False  # the test client speaks plain HTTP
        # The cheapest argon2id there is: the suite logs in hundreds of times and hashes every demo account.
        self.PASSWORD_HASH = TEST_PASSWORD_HASH
