"""Case-management endpoints: the primary case manager, needs, the resource directory, referrals, the caseload."""

from facility import clock
from facility.casework import blp, caseload, discharge, referrals, services
from facility.casework.schemas import (
    AppointmentIn,
    AppointmentOut,
    CaseloadOut,
    CaseloadQuery,
    CaseManagerIn,
    CaseManagerOut,
    DischargePlanIn,
    DischargePlanOut,
    FollowUpIn,
    FollowUpOut,
    NeedsIn,
    NeedsOut,
    ReferralIn,
    ReferralOut,
    ReferralStepIn,
    ResidentQuery,
    ResourceIn,
    ResourceOut,
    ResourceQuery,
    TransitionsOut,
    TransitionsQuery,
)
from facility.extensions import db
from facility.http import REPLAYED, actor, committed, created
from facility.permissions import permits


@blp.route("/residents/<int:resident_id>/case-manager", methods=["PUT"])
@permits("casework.case_manager.assign")
@blp.arguments(CaseManagerIn)
@blp.response(200, CaseManagerOut)
@committed
def assign_case_manager(body, resident_id):
    """Make a case manager of the resident's unit their primary case manager (lead, admin)."""
    return services.assign_case_manager(db.session, actor(), resident_id, body, clock.now())


@blp.route("/residents/<int:resident_id>/needs", methods=["POST"])
@permits("casework.needs.assess")
@blp.arguments(NeedsIn)
@blp.response(201, NeedsOut)
@blp.alt_response(200, schema=NeedsOut, success=True, description=REPLAYED)
@committed
def assess_needs(body, resident_id):
    """Rate the 16 life domains, as the resident sees them or as staff do (case manager); kept apart by rater."""
    return created(services.assess_needs(db.session, actor(), resident_id, body, clock.now()))


@blp.route("/residents/<int:resident_id>/needs", methods=["GET"])
@permits("casework.read")
@blp.response(200, NeedsOut(many=True))
@committed
def list_needs(resident_id):
    """The resident's needs assessments, oldest first."""
    return services.list_needs(db.session, actor(), resident_id)


@blp.route("/resources", methods=["POST"])
@permits("casework.resources.add")
@blp.arguments(ResourceIn)
@blp.response(201, ResourceOut)
@blp.alt_response(200, schema=ResourceOut, success=True, description=REPLAYED)
@committed
def add_resource(body):
    """Add an organisation to the community resource directory (case manager, lead, admin)."""
    return created(services.add_resource(db.session, actor(), body, clock.now()))


@blp.route("/resources", methods=["GET"])
@permits("casework.resources.read")
@blp.arguments(ResourceQuery, location="query")
@blp.response(200, ResourceOut(many=True))
@committed
def search_resources(query):
    """Search the resource directory by name or service type (`q`), by name."""
    return services.search_resources(db.session, actor(), query["q"], query["limit"])


@blp.route("/referrals", methods=["POST"])
@permits("casework.referral.write")
@blp.arguments(ReferralIn)
@blp.response(201, ReferralOut)
@blp.alt_response(200, schema=ReferralOut, success=True, description=REPLAYED)
@committed
def make_referral(body):
    """Refer a resident to an organisation for a need, as a draft (case manager); 422 on consent_uid unless the
    resident's consent of scope treatment_information or full_record, in force, names that organisation."""
    now = clock.now()
    referral, is_new = referrals.make_referral(db.session, actor(), body, now)
    return created((referrals.referral_view(db.session, referral, now), is_new))


@blp.route("/referrals/<int:referral_id>/status", methods=["POST"])
@permits("casework.referral.write")
@blp.arguments(ReferralStepIn)
@blp.response(200, ReferralOut)
@committed
def change_status(body, referral_id):
    """Move a referral one step (case manager): draft→sent→accepted/waitlisted/declined; waitlisted→accepted/declined;
    sent/accepted/waitlisted→canceled; accepted→completed with an outcome. 409 names the current status."""
    now = clock.now()
    referral, _is_new = referrals.change_status(db.session, actor(), referral_id, body, now)
    return referrals.referral_view(db.session, referral, now)


@blp.route("/referrals/<int:referral_id>", methods=["GET"])
@permits("casework.read")
@blp.response(200, ReferralOut)
@committed
def get_referral(referral_id):
    """A referral with its steps, who took each and when, and the steps it may take next."""
    return referrals.get_referral(db.session, actor(), referral_id, clock.now())


@blp.route("/residents/<int:resident_id>/referrals", methods=["GET"])
@permits("casework.read")
@blp.arguments(ResidentQuery, location="query")
@blp.response(200, ReferralOut(many=True))
@committed
def list_referrals(query, resident_id):
    """The resident's referrals, newest first (`status` filters)."""
    return referrals.list_referrals(db.session, actor(), resident_id, query["status"], clock.now())


@blp.route("/caseload", methods=["GET"])
@permits("casework.caseload.read")
@blp.arguments(CaseloadQuery, location="query")
@blp.response(200, CaseloadOut(many=True))
@committed
def caseload_list(query):
    """A case manager's residents (default: the caller's), what needs doing first."""
    return caseload.caseload(db.session, actor(), query["user_id"], clock.now())


@blp.route("/appointments", methods=["POST"])
@permits("casework.appointment.book")
@blp.arguments(AppointmentIn)
@blp.response(201, AppointmentOut)
@blp.alt_response(200, schema=AppointmentOut, success=True, description=REPLAYED)
@committed
def book_appointment(body):
    """Book an appointment outside the unit (case manager, nurse); the handoff to the shift it falls in lists it."""
    return created(discharge.book_appointment(db.session, actor(), body, clock.now()))


@blp.route("/residents/<int:resident_id>/discharge-plan", methods=["PUT"])
@permits("casework.discharge.plan")
@blp.arguments(DischargePlanIn)
@blp.response(200, DischargePlanOut)
@committed
def plan_discharge(body, resident_id):
    """A new revision of the resident's discharge plan (case manager)."""
    return discharge.plan_discharge(db.session, actor(), resident_id, body, clock.now())


@blp.route("/residents/<int:resident_id>/follow-ups", methods=["POST"])
@permits("casework.follow_up.record")
@blp.arguments(FollowUpIn)
@blp.response(201, FollowUpOut)
@blp.alt_response(200, schema=FollowUpOut, success=True, description=REPLAYED)
@committed
def record_follow_up(body, resident_id):
    """A follow-up after discharge (case manager): appointment kept, contact made, or no contact."""
    return created(discharge.record_follow_up(db.session, actor(), resident_id, body, clock.now()))


@blp.route("/reports/transitions", methods=["GET"])
@permits("reports.transitions")
@blp.arguments(TransitionsQuery, location="query")
@blp.response(200, TransitionsOut)
@committed
def transitions_report(query):
    """Discharges of the unit in [from, to) with aftercare within 7 days and follow-up within 7 and 30 days, and how
    referrals were answered (lead, case manager)."""
    return discharge.transitions_report(db.session, actor(), query)
