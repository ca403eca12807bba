"""Rounds endpoints: record a check, presence codes, this shift's assignments, compliance."""

from facility import clock
from facility.extensions import db
from facility.http import REPLAYED, actor, committed, created
from facility.permissions import permits
from facility.rounds import assignments, blp, presence, services
from facility.rounds.schemas import (
    AssignmentsIn,
    AssignmentsOut,
    CheckIn,
    CheckOut,
    CodeLookupOut,
    PresenceCodeOut,
    ReportQuery,
    RoundsReportOut,
)


@blp.route("/rounds/checks", methods=["POST"])
@permits("rounds.check.record")
@blp.arguments(CheckIn)
@blp.response(201, CheckOut)
@blp.alt_response(200, schema=CheckOut, success=True, description=REPLAYED)
@committed
def record_check(body):
    """Record a round check (worker, nurse, lead); a known uid answers 200, a clash 409."""
    return created(services.record_check(db.session, actor(), body, clock.now()))


@blp.route("/units/<int:unit_id>/presence-codes", methods=["GET"])
@permits("rounds.presence_codes.read")
@blp.response(200, PresenceCodeOut(many=True))
@committed
def presence_codes(unit_id):
    """The unit's room and wristband codes to print, made when residents arrive (admin, lead)."""
    return presence.unit_codes(db.session, actor(), unit_id)


@blp.route("/presence-codes/<token>", methods=["GET"])
@permits("rounds.read")
@blp.response(200, CodeLookupOut)
@committed
def presence_code(token):
    """Whose room or wristband a scanned code is (404 not the caller's unit, 410 replaced by a new label)."""
    return presence.look_up(db.session, actor(), token)


@blp.route("/presence-codes/<token>/rotate", methods=["POST"])
@permits("rounds.presence_codes.rotate")
@blp.response(201, PresenceCodeOut)
@committed
def rotate_presence_code(token):
    """Replace a lost label with a new code; the old token is refused from now on (admin)."""
    return presence.rotate(db.session, actor(), token, clock.now())


@blp.route("/units/<int:unit_id>/assignments", methods=["GET"])
@permits("rounds.read")
@blp.response(200, AssignmentsOut)
def unit_assignments(unit_id):
    """Who rounds on whom in the unit's current shift."""
    return assignments.read(db.session, actor(), unit_id, clock.now())


@blp.route("/units/<int:unit_id>/assignments", methods=["PUT"])
@permits("rounds.assignments.set")
@blp.arguments(AssignmentsIn)
@blp.response(200, AssignmentsOut)
@committed
def set_assignments(body, unit_id):
    """Set the current shift's assignments (a lead for everyone; a worker only their own)."""
    return assignments.replace(db.session, actor(), unit_id, body, clock.now())


@blp.route("/reports/rounds", methods=["GET"])
@permits("reports.rounds")
@blp.arguments(ReportQuery, location="query")
@blp.response(200, RoundsReportOut)
@committed
def rounds_report(query):
    """Rounds compliance per shift, resident and staff member (nurse, lead)."""
    return services.compliance_report(db.session, actor(), query, clock.now())
