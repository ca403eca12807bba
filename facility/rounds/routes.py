"""Rounds endpoints: record a check, read compliance."""
from flask_login import login_required

from facility import clock
from facility.extensions import db
from facility.http import REPLAYED, actor, committed, created
from facility.rounds import blp, services
from facility.rounds.schemas import CheckIn, CheckOut, ReportQuery, RoundsReportOut


@blp.route("/rounds/checks", methods=["POST"])
@login_required
@blp.arguments(CheckIn)
@blp.response(201, CheckOut)
@blp.alt_response(200, schema=CheckOut, success=True, description=REPLAYED)
@committed
def record_check(body):
    """Record a round check (worker, nurse, lead); a known uid answers 200, a clash 409."""
    return created(services.record_check(db.session, actor(), body, clock.now()))


@blp.route("/reports/rounds", methods=["GET"])
@login_required
@blp.arguments(ReportQuery, location="query")
@blp.response(200, RoundsReportOut)
@committed
def rounds_report(query):
    """Rounds compliance per shift and resident (nurse, lead)."""
    return services.compliance_report(db.session, actor(), query, clock.now())
