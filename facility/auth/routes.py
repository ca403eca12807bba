"""Login, logout and the current session."""

from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from facility.auth import blp
from facility.auth.schemas import LoginIn, PasswordChangeIn, SessionOut
from facility.auth.security import login_throttled, logout_everywhere, open_session
from facility.auth.services import authenticate, change_password
from facility.errors import DomainError, Forbidden
from facility.extensions import csrf, db
from facility.permissions import may, permits, public


class BadCredentials(DomainError):
    status = 401


@blp.route("/login", methods=["POST"])
@public
@csrf.exempt
@login_throttled
@blp.arguments(LoginIn)
@blp.response(200, SessionOut)
def login(body):
    """Open a session; answers the user and the CSRF token for later writes."""
    user = authenticate(db.session, body["username"], body["password"])
    db.session.commit()
    if user is None:
        raise BadCredentials("unknown username or wrong password")
    open_session(user)
    return {"user": user, "csrf_token": generate_csrf()}


@blp.route("/unlock", methods=["POST"])
@public
@csrf.exempt
@login_throttled
@blp.arguments(LoginIn)
@blp.response(200, SessionOut)
def unlock(body):
    """Open a locked alert console with a nurse's or lead's password; another one than its holder takes it over.

    A fresh session for whoever gave the password; anyone else (a worker) is refused and the console stays locked.
    """
    user = authenticate(db.session, body["username"], body["password"])
    db.session.commit()
    if user is None:
        raise BadCredentials("unknown username or wrong password")
    if not may(user, "alerts.read"):
        raise Forbidden("only a nurse or a lead can unlock the alert console")
    open_session(user)
    return {"user": user, "csrf_token": generate_csrf()}


@blp.route("/logout", methods=["POST"])
@public
@blp.response(204)
def logout():
    """End every session of the user (this one, other devices, live sockets)."""
    logout_everywhere()


@blp.route("/password", methods=["POST"])
@permits("account.own")
@blp.arguments(PasswordChangeIn)
@blp.response(200, SessionOut)
def password(body):
    """Change one's own password (required after an admin set a temporary one); other sessions end, this one goes on."""
    user = current_user._get_current_object()
    try:
        change_password(db.session, user, body["current_password"], body["new_password"])
    finally:
        db.session.commit()  # a refused attempt is audited too
    open_session(user)
    return {"user": user, "csrf_token": generate_csrf()}


@blp.route("/me", methods=["GET"])
@permits("account.own")
@blp.response(200, SessionOut)
def me():
    """The logged-in user and a CSRF token."""
    return {"user": current_user, "csrf_token": generate_csrf()}
