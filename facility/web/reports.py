"""The reports page: every report the domains declare, and their charts, for the caller's role and units."""

from flask import render_template
from flask_login import current_user

from facility import clock
from facility.domain import registry
from facility.extensions import db
from facility.http import actor, commit_read
from facility.permissions import permits
from facility.web import bp


@bp.route("/reports")
@permits("reports.read")
def reports_page():
    """Links to each domain's reports and each domain's charts, per unit of the caller."""
    shown = registry().charts_for(current_user.role)
    now = clock.now()
    charts = [
        (unit, chart, chart.read(db.session, actor(), unit, now)) for unit in current_user.units for chart in shown
    ]
    commit_read(db.session)  # the audit rows of the reads
    return render_template("reports/index.html", reports=registry().reports_for(current_user.role), charts=charts)
