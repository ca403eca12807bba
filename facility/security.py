"""Session handling, the idle lock and the security headers of every answer."""
from __future__ import annotations

import math
import re
import time
from datetime import datetime, timezone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import Flask, current_app, g, jsonify, make_response, redirect, request, session, url_for
from flask_limiter import RequestLimit
from limits import parse_many
from flask_login import current_user, login_user, logout_user

from facility import clock
from facility.audit.services import record_access
from facility.auth.models import User
from facility.auth.services import revoke_sessions
from facility.db import write_intent
from facility.errors import error_body, wants_json
from facility.extensions import db, limiter, login_manager
from facility.schemas import scrubbed

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' ws: wss:; media-src 'self' data:; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'"
)


LOCKED = "locked"  # the session went idle: nothing of it answers over HTTP until a password unlocks it


def _holder(user_id: str) -> User | None:
    """The session's user while it is active and the session was opened since its last revocation."""
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or session.get("session_version") != user.session_version:
        g.session_ended = True
        return None
    return user


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    """The session's user, unless the session is locked (then anonymous to every page and API call)."""
    user = _holder(user_id)
    if user is not None and session.get(LOCKED):
        g.session_ended = True
        return None
    return user


def idle_seconds() -> int:
    """How long a session may go untouched before it locks."""
    config = current_app.config
    return config.get("SESSION_IDLE_SECONDS") or config["SESSION_IDLE_MINUTES"] * 60


def console_holder() -> tuple[User | None, bool]:
    """Who holds this session for the alert console, and whether it is locked (idle).

    A locked session keeps its console: the socket stays, hearing alerts without resident identity. An ended
    session (logged out, revoked, deactivated) has no holder.
    """
    if current_user.is_authenticated:
        now = clock.now().timestamp()
        return current_user._get_current_object(), now - session.get("seen", now) > idle_seconds()
    user_id = session.get("_user_id")
    if session.get(LOCKED) and user_id is not None:
        return _holder(user_id), True
    return None, False


@login_manager.unauthorized_handler
def _unauthorized():
    if wants_json():
        return jsonify(error_body(401, "login required")), 401
    ended = {"ended": "session"} if g.get("session_ended") else {}
    return redirect(url_for("web.login_page", next=request.path, **ended))


# A path of this site: one leading slash, then no slash or backslash, and no control character
# anywhere (browsers drop tabs and newlines, so "/\t/evil.example" would become "//evil.example").
_SAME_SITE_PATH = re.compile(r"/(?![/\\])[^\x00-\x1f\x7f\\]*")


def same_site_path(target: str) -> str | None:
    """target when it is a relative path of this site, else None (never another host)."""
    if not _SAME_SITE_PATH.fullmatch(target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


ACCOUNT_SCOPE = "login-account"


def login_limit() -> str:
    """The ceiling of failed logins per address (API and page alike)."""
    return current_app.config["LOGIN_RATE_LIMIT"]


def account_limit() -> str:
    """The growing limits of failed logins per account."""
    return current_app.config["LOGIN_ACCOUNT_LIMIT"]


def _attempted_username() -> str:
    """The username a login names, from the form or the JSON body."""
    body = request.get_json(silent=True) if request.is_json else request.form
    name = body.get("username") if isinstance(body, dict) or hasattr(body, "get") else None
    return scrubbed(name)[:80].lower() if isinstance(name, str) else ""


def _failed(response) -> bool:
    """Only failed attempts count: a shift arriving together logs in without waiting."""
    return response.status_code == 401


def _free_at(limit: RequestLimit) -> int:
    """When every exhausted window of the breached limit's scope reopens (the longest wait, not the first)."""
    configured = account_limit() if ACCOUNT_SCOPE in limit.request_args else login_limit()
    resets = [limit.reset_at]
    for item in parse_many(configured):
        reset_time, remaining = limiter.limiter.get_window_stats(item, *limit.request_args)
        if remaining == 0:
            resets.append(int(reset_time + 1))
    return max(resets)


def _locked_out(limit: RequestLimit):
    """Audit the lockout and answer when to try again: a styled page for the form, JSON for the API."""
    free_at = _free_at(limit)
    until = datetime.fromtimestamp(free_at, timezone.utc)
    wait = max(1, math.ceil(free_at - time.time()))
    username = _attempted_username()
    record_access(db.session, None, "login.locked", target=f"user:{username}",
                  limit=str(limit.limit), until=until.isoformat())
    db.session.commit()
    zone = ZoneInfo(current_app.config["FACILITY_TIMEZONE"])
    message = f"Too many failed logins. {_wait(wait)}, then try again (at {until.astimezone(zone):%H:%M})."
    if wants_json():
        response = jsonify(error_body(429, message))
    else:
        from facility.web.error_pages import error_page  # the pages import this module

        response = make_response(error_page(429, "Too many tries", message))
    response.status_code = 429
    response.headers["Retry-After"] = str(wait)
    return response


def _wait(seconds: int) -> str:
    """'Wait a minute' up to a minute (a fixed window may add a second), else the whole minutes."""
    return "Wait a minute" if seconds <= 61 else f"Wait {math.ceil(seconds / 60)} minutes"


def login_throttled(view):
    """Throttle failed logins per account (growing waits) under a per-address ceiling; each lockout audited."""
    per_account = limiter.shared_limit(account_limit, scope=ACCOUNT_SCOPE, key_func=_attempted_username,
                                       methods=["POST"], deduct_when=_failed, on_breach=_locked_out)
    per_address = limiter.shared_limit(login_limit, scope="login-address", methods=["POST"],
                                       deduct_when=_failed, on_breach=_locked_out)
    return per_address(per_account(view))


def open_session(user: User) -> None:
    """Start a fresh session for user (nothing of an earlier one survives) with the idle clock running."""
    session.clear()
    login_user(user)
    session["seen"] = clock.now().timestamp()
    session["session_version"] = user.session_version


def close_session() -> None:
    """End the session, whoever held it."""
    logout_user()
    session.clear()


def logout_everywhere() -> None:
    """Log the current user out of every session (audited), then clear this one."""
    if current_user.is_authenticated:
        user = current_user._get_current_object()
        record_access(db.session, user.id, "logout")
        revoke_sessions(db.session, user)
        db.session.commit()
    close_session()


def _lock_idle_session() -> None:
    """Lock a session untouched for SESSION_IDLE_MINUTES: this request and the next ones are anonymous.

    Only the holder's password (or another nurse's) opens it again, as a fresh session; the browser keeps what it
    has not sent. The session is locked rather than ended so that an alert console keeps ringing, without names.
    """

    if request.endpoint == "static" or not current_user.is_authenticated:
        return
    now = clock.now().timestamp()
    seen = session.get("seen", now)
    if now - seen > idle_seconds():
        session[LOCKED] = True
        g.session_ended = True
        login_manager._update_request_context_with_user()  # anonymous for the rest of this request
        return
    session["seen"] = now


def _harden(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.path.startswith("/api/"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _load_user_then_end_the_read() -> None:
    """Load the session's user in a read of its own and end it, so the request's work starts afresh.

    A write request then takes the write lock only at its first write, after its body has been read.
    """
    if request.endpoint == "static":
        return
    with write_intent(False):
        current_user._get_current_object()
    db.session.commit()


def register_security(app: Flask) -> None:
    """The user's read, the idle lock before each request; hardening headers after."""
    app.before_request(_load_user_then_end_the_read)
    app.before_request(_lock_idle_session)
    app.after_request(_harden)
