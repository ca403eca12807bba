"""Daily-care endpoints: ADL, notes, goals, groups, outings and their return, consents, contacts."""

from facility import clock
from facility.care import blp, outings, services
from facility.care.schemas import AdlIn, ConsentIn, ContactIn, GoalIn, GroupIn, OutingIn, ProgressNoteIn, ReturnIn
from facility.care.schemas.answers import (
    AdlOut,
    ConsentOut,
    ContactOut,
    GoalOut,
    GroupOut,
    OutingOut,
    ProgressNoteOut,
    UnitStaffOut,
)
from facility.census import staff
from facility.extensions import db
from facility.http import REPLAYED, actor, committed, created
from facility.permissions import permits


def _stored(result):
    """(event, is_new) → (its view, 201 or 200)."""
    event, is_new = result
    return created((services.record_view(event), is_new))


@blp.route("/adl", methods=["POST"])
@permits("care.adl.record")
@blp.arguments(AdlIn)
@blp.response(201, AdlOut)
@blp.alt_response(200, schema=AdlOut, success=True, description=REPLAYED)
@committed
def record_adl(body):
    """Record support with an activity of daily living (worker, nurse); meals need which meal and percent eaten."""
    return _stored(services.record_adl(db.session, actor(), body, clock.now()))


@blp.route("/notes", methods=["POST"])
@permits("care.note.write")
@blp.arguments(ProgressNoteIn)
@blp.response(201, ProgressNoteOut)
@blp.alt_response(200, schema=ProgressNoteOut, success=True, description=REPLAYED)
@committed
def write_note(body):
    """Write a shift progress note (worker, nurse, lead), linked to the resident's active goals."""
    return _stored(services.write_note(db.session, actor(), body, clock.now()))


@blp.route("/residents/<int:resident_id>/goals", methods=["POST"])
@permits("care.goal.set")
@blp.arguments(GoalIn)
@blp.response(201, GoalOut)
@blp.alt_response(200, schema=GoalOut, success=True, description=REPLAYED)
@committed
def set_goal(body, resident_id):
    """Enter a treatment-plan goal (nurse, lead)."""
    return created(services.set_goal(db.session, actor(), resident_id, body, clock.now()))


@blp.route("/residents/<int:resident_id>/goals", methods=["GET"])
@permits("care.read")
@blp.response(200, GoalOut(many=True))
@committed
def list_goals(resident_id):
    """The resident's treatment-plan goals, each with its progress notes oldest first."""
    return services.list_goals(db.session, actor(), resident_id)


@blp.route("/groups", methods=["POST"])
@permits("care.group.record")
@blp.arguments(GroupIn)
@blp.response(201, GroupOut)
@blp.alt_response(200, schema=GroupOut, success=True, description=REPLAYED)
@committed
def record_group(body):
    """Record a group session with its attendees (worker, nurse, lead); each attendee's record shows it."""
    return _stored(outings.record_group(db.session, actor(), body, clock.now()))


@blp.route("/outings", methods=["POST"])
@permits("care.outing.sign")
@blp.arguments(OutingIn)
@blp.response(201, OutingOut)
@blp.alt_response(200, schema=OutingOut, success=True, description=REPLAYED)
@committed
def sign_out(body):
    """Sign a resident out on an outing (worker, nurse); the board shows them off the unit."""
    now = clock.now()
    outing, is_new = outings.sign_out(db.session, actor(), body, now)
    return created((outings.outing_view(db.session, outing, now), is_new))


@blp.route("/outings/<int:outing_id>/return", methods=["POST"])
@permits("care.outing.sign")
@blp.arguments(ReturnIn)
@blp.response(200, OutingOut)
@committed
def sign_in(body, outing_id):
    """Sign a resident back in (worker, nurse); clears return_overdue."""
    now = clock.now()
    outing, _is_new = outings.sign_in(db.session, actor(), {**body, "outing_id": outing_id}, now)
    return outings.outing_view(db.session, outing, now)


@blp.route("/units/<int:unit_id>/outings", methods=["GET"])
@permits("care.read")
@blp.response(200, OutingOut(many=True))
@committed
def outings_in_progress(unit_id):
    """Residents of the unit signed out now, soonest due back first, overdue ones flagged."""
    return outings.outings_in_progress(db.session, actor(), unit_id, clock.now())


@blp.route("/units/<int:unit_id>/staff", methods=["GET"])
@permits("care.read")
@blp.response(200, UnitStaffOut(many=True))
@committed
def unit_staff(unit_id):
    """The unit's active staff, for choosing an escort or a facilitator."""
    return staff.unit_staff(db.session, actor(), unit_id)


@blp.route("/residents/<int:resident_id>/consents", methods=["POST"])
@permits("care.consent.record")
@blp.arguments(ConsentIn)
@blp.response(201, ConsentOut)
@blp.alt_response(200, schema=ConsentOut, success=True, description=REPLAYED)
@committed
def record_consent(body, resident_id):
    """Put a consent on file for a contact, with its scope and expiry (nurse, lead)."""
    return created(services.record_consent(db.session, actor(), resident_id, body, clock.now()))


@blp.route("/residents/<int:resident_id>/consents", methods=["GET"])
@permits("care.read")
@blp.response(200, ConsentOut(many=True))
@committed
def list_consents(resident_id):
    """The resident's consents on file, expired ones marked."""
    return services.list_consents(db.session, actor(), resident_id, clock.now())


@blp.route("/contacts", methods=["POST"])
@permits("care.contact.record")
@blp.arguments(ContactIn)
@blp.response(201, ContactOut)
@blp.alt_response(200, schema=ContactOut, success=True, description=REPLAYED)
@committed
def record_contact(body):
    """Record a family or collateral contact (worker, nurse, lead); 422 on contact_name without a consent."""
    return _stored(services.record_contact(db.session, actor(), body, clock.now()))
