"""Session handling, the idle lock and the security headers of every answer."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from functools import wraps
from urllib.parse import urlsplit

from flask import Flask, current_app, g, jsonify, make_response, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from facility import clock
from facility.auth.models import User
from facility.auth.services import revoke_sessions
from facility.auth.throttle import Hold, LoginThrottle
from facility.auth.tokens import TokenActor, TokenRefused, actor_for
from facility.db import write_intent
from facility.errors import error_body, wants_json
from facility.extensions import csrf, db, login_manager
from facility.http import commit_read
from facility.records.audit import record_access
from facility.schemas import scrubbed
from facility.timeutil import facility_zone

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


def bearer_secret() -> str | None:
    """The token a request to the API or the FHIR export presents (`Authorization: Bearer …`), else None.

    Only there: a token never opens a page or a console, so elsewhere the header is not even read.
    """
    if not (request.path.startswith("/api/") or request.path.startswith("/fhir/")):
        return None
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    return secret.strip() or None if scheme.lower() == "bearer" else None


@login_manager.request_loader
def _load_token(_request) -> TokenActor | None:
    """The system whose token the request presents (each use audited), or None: 401, saying why."""
    secret = bearer_secret()
    if secret is None:
        return None
    try:
        actor = actor_for(db.session, secret, clock.now())
    except TokenRefused as refused:
        g.token_refused = str(refused)
        record_access(db.session, None, "token.refused", target=request.path[:200], reason=str(refused))
        return None
    g.requester = actor.requester
    record_access(db.session, None, "token.use", target=actor.requester, method=request.method, path=request.path)
    return actor


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    """The session's user, unless the session is locked (then anonymous to every page and API call).

    A request presenting a token is the token's alone: the browser session beside it is not looked at.
    """
    if bearer_secret() is not None:
        return None
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
    if g.get("token_refused"):
        return jsonify(error_body(401, g.token_refused)), 401
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


def _attempted_username() -> str:
    """The username a login names, from the form or the JSON body."""
    body = request.get_json(silent=True) if request.is_json else request.form
    name = body.get("username") if isinstance(body, dict) or hasattr(body, "get") else None
    return scrubbed(name)[:80].lower() if isinstance(name, str) else ""


def _held(hold: Hold, username: str):
    """Audit the hold and answer how long to wait: the login form again for the page, JSON for the API."""
    until = datetime.fromtimestamp(hold.free_at, UTC)
    record_access(
        db.session, None, "login.locked", target=f"user:{username}", limit=hold.scope, until=until.isoformat()
    )
    db.session.commit()
    zone = facility_zone()
    message = (
        f"Too many failed logins. {_wait(hold.seconds)} before trying again (at {until.astimezone(zone):%H:%M:%S})."
    )
    if wants_json():
        response = jsonify(error_body(429, message))
    else:
        response = make_response(
            render_template("login.html", error=message, username=username, wait_seconds=hold.seconds)
        )
    response.status_code = 429
    response.headers["Retry-After"] = str(hold.seconds)
    return response


def _wait(seconds: int) -> str:
    """'Wait 20 s' up to a minute and a half, else the whole minutes."""
    return f"Wait {seconds} s" if seconds <= 90 else f"Wait {math.ceil(seconds / 60)} minutes"


def login_throttled(view):
    """Hold logins while guessing is under way (see facility.auth.throttle); count each wrong password."""

    @wraps(view)
    def throttled(*args, **kwargs):
        if request.method != "POST":
            return view(*args, **kwargs)
        username = _attempted_username()
        throttle = LoginThrottle(username)
        if hold := throttle.held():
            return _held(hold, username)
        try:
            response = make_response(view(*args, **kwargs))
        except Exception as error:
            if getattr(error, "status", None) == 401:
                throttle.failed()
            raise
        if response.status_code == 401:
            throttle.failed()
        elif response.status_code < 400:
            throttle.succeeded()
        return response

    return throttled


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

    if request.endpoint == "static" or not current_user.is_authenticated or bearer_secret() is not None:
        return  # a token keeps no session
    now = clock.now().timestamp()
    seen = session.get("seen", now)
    if now - seen > idle_seconds():
        session[LOCKED] = True
        g.session_ended = True
        login_manager._update_request_context_with_user()  # anonymous for the rest of this request
        return
    session["seen"] = now


# What a user with a temporary password may still reach: choosing a new one, logging out, the plumbing.
_WHILE_PASSWORD_TEMPORARY = {
    "auth.password",
    "auth.logout",
    "auth.me",
    "web.password_page",
    "web.password_form",
    "web.logout_form",
    "web.login_page",
    "web.login_form",
    "web.healthz",
    "web.favicon",
    "web.service_worker",
    "static",
}


def _password_change_first():
    """An account whose password an admin set does nothing but choose its own password first."""
    if not current_user.is_authenticated or not current_user.must_change_password:
        return None
    if request.endpoint in _WHILE_PASSWORD_TEMPORARY:
        return None
    if wants_json() or request.path.startswith("/socket.io"):
        return jsonify(error_body(403, "choose a new password first (POST /api/v1/auth/password)")), 403
    return redirect(url_for("web.password_page", next=request.full_path.rstrip("?")))


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
    commit_read(db.session)  # and the audit row of a token's use


def protect_from_forgery() -> None:
    """The CSRF check of a browser's writes; a request presenting a token has no cookie to forge and is not asked.

    (A page cannot add an Authorization header to a request of another site without the CORS preflight this app
    never answers, so skipping the check for it opens nothing.)
    """
    if current_app.config.get("WTF_CSRF_ENABLED", True) and bearer_secret() is None:
        csrf.protect(apply_exemptions=True)


def register_security(app: Flask) -> None:
    """The user's read, the idle lock, a temporary password's change before each request; hardening headers after."""
    app.before_request(_load_user_then_end_the_read)
    app.before_request(_lock_idle_session)
    app.before_request(_password_change_first)
    app.after_request(_harden)
