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
from flask_login import current_user, login_required
from sqlalchemy import text

from facility.auth.models import Role
from facility.auth.services import authenticate
from facility.census import services as census
from facility.errors import DomainError
from facility.extensions import db
from facility.http import commit_read
from facility.security import login_throttled, logout_everywhere, open_session, same_site_path
from facility.web import bp


@bp.route("/healthz")
def healthz():
    """Liveness and database reachability, without a session."""
    try:
        db.session.execute(text("SELECT 1"))
        return jsonify(status="ok", database="ok")
    except Exception:  # the answer itself is the report
        return jsonify(status="error", database="unreachable"), 503


@bp.route("/sw.js")
def service_worker():
    """The tablet's service worker, served from the root so that it may keep the board pages offline."""
    response = send_from_directory(current_app.static_folder + "/js", "sw.js", mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/login", methods=["GET"])
def login_page():
    """The login form."""
    return render_template("login.html", error=None, username="")


@bp.route("/login", methods=["POST"])
@login_throttled
def login_form():
    """Log in from the form and go to the page of the user's role."""
    username = request.form.get("username", "")[:80]
    user = authenticate(db.session, username, request.form.get("password", ""))
    db.session.commit()
    if user is None:
        return render_template("login.html", error="Unknown username or wrong password.", username=username), 401
    open_session(user)
    return redirect(same_site_path(request.args.get("next", "")) or url_for("web.home"))


@bp.route("/logout", methods=["POST"])
def logout_form():
    """Log out from a page: every session of the user ends."""
    logout_everywhere()
    return redirect(url_for("web.login_page"))


@bp.route("/")
@login_required
def home():
    """Each role starts where its work is."""
    if current_user.has_role(Role.NURSE):
        return redirect(url_for("web.alerts_page"))
    if not current_user.unit_ids:
        abort(404)
    return redirect(url_for("web.rounds_page", unit_id=current_user.unit_ids[0]))


@bp.route("/units/<int:unit_id>/rounds")
@login_required
def rounds_page(unit_id: int):
    """The tablet board of a unit."""
    if unit_id not in current_user.unit_ids:
        abort(404)
    return render_template("rounds.html", unit_id=unit_id)


@bp.route("/residents/<int:resident_id>")
@login_required
def resident_page(resident_id: int):
    """A resident's detail page: the full identity lives here, not on the tablet."""
    try:
        resident = census.resident_detail(db.session, current_user._get_current_object(), resident_id)
    except DomainError:
        abort(404)
    commit_read(db.session)  # the audit row of the read
    return render_template("resident.html", resident=resident)


@bp.route("/alerts")
@login_required
def alerts_page():
    """The nurse console."""
    return render_template("alerts.html")


@bp.route("/admin")
@login_required
def admin_page():
    """The administrator's page: units and staff accounts."""
    if not current_user.has_role(Role.ADMIN):
        abort(403)
    return render_template("admin.html")
