"""Pages. Data comes from the JSON API through small scripts in static/js/."""

from flask import (
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_login import current_user
from marshmallow import ValidationError
from sqlalchemy import text

from facility import clock
from facility.auth.schemas import PasswordChangeIn
from facility.auth.security import login_throttled, logout_everywhere, open_session, same_site_path
from facility.auth.services import authenticate, change_password
from facility.domain import registry
from facility.errors import DomainError, Invalid
from facility.extensions import db
from facility.http import commit_read
from facility.permissions import may, permits, public
from facility.timeutil import facility_zone, local_when
from facility.web import bp
from facility.web.resident import resident_view


@bp.route("/healthz")
@public
def healthz():
    """Liveness and database reachability, without a session."""
    try:
        db.session.execute(text("SELECT 1"))
        return jsonify(status="ok", database="ok")
    except Exception:  # the answer itself is the report
        return jsonify(status="error", database="unreachable"), 503


@bp.route("/sw.js")
@public
def service_worker():
    """The tablet's service worker, served from the root so that it may keep the board pages offline."""
    response = send_from_directory(current_app.static_folder + "/js", "sw.js", mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/favicon.ico")
@public
def favicon():
    """The site's icon, for browsers that ask for it at the root."""
    return send_from_directory(current_app.static_folder + "/img", "favicon.svg", mimetype="image/svg+xml")


# What the login page says of how the last session ended (?ended=…).
ENDED = {
    "logout": "You have logged out, on this device and every other one.",
    "session": "Your session ended — log in again.",
}


@bp.route("/login", methods=["GET"])
@public
def login_page():
    """The login form, saying how the last session ended when it did."""
    return render_template("login.html", error=None, username="", ended=ENDED.get(request.args.get("ended", "")))


@bp.route("/login", methods=["POST"])
@public
@login_throttled
def login_form():
    """Log in from the form and go to the page of the user's role."""
    username = request.form.get("username", "")[:80]
    user = authenticate(db.session, username, request.form.get("password", ""))
    db.session.commit()
    if user is None:
        return render_template("login.html", error="Unknown username or wrong password.", username=username), 401
    open_session(user)
    target = same_site_path(request.args.get("next", "")) or url_for("web.home")
    if user.must_change_password:
        return redirect(url_for("web.password_page", next=target))
    return redirect(target)


@bp.route("/password", methods=["GET"])
@permits("account.own")
def password_page():
    """Choose a new password: after an admin set a temporary one, or whenever the user wants to."""
    return render_template("password.html", error=None)


@bp.route("/password", methods=["POST"])
@permits("account.own")
def password_form():
    """Change one's own password from the form, then go on where the user was going."""
    user = current_user._get_current_object()
    new, again = request.form.get("new_password", ""), request.form.get("new_password_again", "")
    try:
        if new != again:
            raise Invalid.field("new_password_again", "the two new passwords differ")
        PasswordChangeIn().load({"current_password": request.form.get("current_password", ""), "new_password": new})
        change_password(db.session, user, request.form.get("current_password", ""), new)
    except (Invalid, ValidationError) as refused:
        db.session.commit()  # a refused attempt is audited
        messages = refused.errors if isinstance(refused, Invalid) else refused.messages
        words = "; ".join(f"{field.replace('_', ' ')}: {' '.join(map(str, why))}" for field, why in messages.items())
        return render_template("password.html", error=words), 422
    db.session.commit()
    open_session(user)
    return redirect(same_site_path(request.args.get("next", "")) or url_for("web.home"))


@bp.route("/logout", methods=["POST"])
@public
def logout_form():
    """Log out from a page: every session of the user ends."""
    logout_everywhere()
    return redirect(url_for("web.login_page", ended="logout"))


@bp.route("/")
@permits("account.own")
def home():
    """Each role starts where its work is: the lead on the handoffs, the nurse on the alert console, a role whose
    work is off the unit's pages on its domain's start entry (the clinician's and the case manager's caseloads), the
    worker on rounds."""
    if may(current_user, "handoff.build"):
        return redirect(url_for("handoff_pages.handoffs_page"))
    if may(current_user, "alerts.read"):
        return redirect(url_for("alerts_pages.alerts_page"))
    starts = [e for e in registry().nav_for(current_user.role) if e.start and not e.per_unit]
    if starts:
        return redirect(url_for(starts[0].endpoint))
    entries = [e for e in registry().nav_for(current_user.role) if e.per_unit]
    if not current_user.unit_ids or not entries:
        abort(404)
    return redirect(url_for(entries[0].endpoint, unit_id=current_user.unit_ids[0]))


@bp.route("/residents/<int:resident_id>")
@permits("residents.read")
def resident_page(resident_id: int):
    """A resident's detail page: the full identity, what each domain adds, and the day's record as one timeline."""
    zone = facility_zone()
    try:
        shown = resident_view(
            db.session, current_user._get_current_object(), resident_id, request.args.get("day", ""), clock.now(), zone
        )
    except DomainError:
        abort(404)
    commit_read(db.session)  # the audit rows of the read
    return render_template("resident.html", **shown, when=lambda value: local_when(value, zone))
