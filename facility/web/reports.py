"""The reports page: every report the domains declare, for the caller's role and units."""
from flask import render_template
from flask_login import current_user, login_required

from facility.domain import registry
from facility.web import bp


@bp.route("/reports")
@login_required
def reports_page():
    """Links to each domain's reports, per unit of the caller."""
    return render_template("reports/index.html", reports=registry().reports_for(current_user.role))
