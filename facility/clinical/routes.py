"""Clinical endpoints: the instruments, and a resident's assessments."""

from facility import clock
from facility.clinical import blp, services
from facility.clinical.schemas import AssessmentIn, AssessmentOut, AssessmentQuery, InstrumentOut
from facility.extensions import db
from facility.http import REPLAYED, actor, committed, created
from facility.permissions import permits


@blp.route("/instruments", methods=["GET"])
@permits("clinical.instruments.read")
@blp.response(200, InstrumentOut(many=True))
def list_instruments():
    """The standardized instruments loaded from their definitions: items, options, scoring, bands, licence."""
    return services.list_instruments()


@blp.route("/residents/<int:resident_id>/assessments", methods=["POST"])
@permits("clinical.assessment.record")
@blp.arguments(AssessmentIn)
@blp.response(201, AssessmentOut)
@blp.alt_response(200, schema=AssessmentOut, success=True, description=REPLAYED)
@committed
def administer(body, resident_id):
    """Give a resident an instrument (clinician, nurse); the server scores it. A positive critical item (PHQ-9
    item 9) raises suicide_risk_screen to the unit's nurses. Items left out need `incomplete_reason`."""
    event, is_new = services.administer(db.session, actor(), {"resident_id": resident_id, **body}, clock.now())
    return created((services.assessment_view(db.session, event), is_new))


@blp.route("/residents/<int:resident_id>/assessments", methods=["GET"])
@permits("clinical.assessment.read")
@blp.arguments(AssessmentQuery, location="query")
@blp.response(200, AssessmentOut(many=True))
@committed
def list_assessments(query, resident_id):
    """The resident's assessments, oldest first, with totals, bands and the change since the previous one."""
    return services.list_assessments(db.session, actor(), resident_id, query.get("instrument"))
