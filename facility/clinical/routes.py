"""Clinical endpoints: the instruments, a resident's assessments, therapy sessions and their signatures."""

from facility import clock
from facility.clinical import blp, plans, services, sessions
from facility.clinical.schemas import (
    AssessmentIn,
    AssessmentOut,
    AssessmentQuery,
    InstrumentOut,
    PlanIn,
    PlanOut,
    PlanSignIn,
    ProcessNoteIn,
    SignatureIn,
    TherapySessionIn,
    TherapySessionOut,
)
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


@blp.route("/sessions", methods=["POST"])
@permits("clinical.session.write")
@blp.arguments(TherapySessionIn)
@blp.response(201, TherapySessionOut)
@blp.alt_response(200, schema=TherapySessionOut, success=True, description=REPLAYED)
@committed
def record_session(body):
    """Write a therapy session note (clinician), unsigned; a high suicide risk raises suicide_risk_screen, a
    moderate or high violence risk violence_risk. `process_note` is readable by its author alone."""
    who = actor()
    row, is_new = sessions.record_session(db.session, who, body, clock.now())
    return created((sessions.session_view(db.session, who, row), is_new))


@blp.route("/sessions/<int:session_id>/sign", methods=["POST"])
@permits("clinical.session.write")
@blp.arguments(SignatureIn)
@blp.response(200, TherapySessionOut)
@committed
def sign_session(body, session_id):
    """The author signs the note."""
    who = actor()
    return sessions.session_view(db.session, who, sessions.sign(db.session, who, session_id, body, clock.now()))


@blp.route("/sessions/<int:session_id>/cosign", methods=["POST"])
@permits("clinical.session.write")
@blp.arguments(SignatureIn)
@blp.response(200, TherapySessionOut)
@committed
def cosign_session(body, session_id):
    """A supervising clinician co-signs a pre-licensed clinician's signed note."""
    who = actor()
    return sessions.session_view(db.session, who, sessions.cosign(db.session, who, session_id, body, clock.now()))


@blp.route("/sessions/<int:session_id>/process-note", methods=["PUT"])
@permits("clinical.session.write")
@blp.arguments(ProcessNoteIn)
@blp.response(200, TherapySessionOut)
@committed
def amend_process_note(body, session_id):
    """Its author rewrites the session's process note, beside the record (never in an event, so never in the events
    feed, a timeline, the handoff or an export); the earlier words stay with it, for the author alone. Anyone else:
    404."""
    return sessions.amend_process_note(db.session, actor(), session_id, body, clock.now())


@blp.route("/residents/<int:resident_id>/sessions", methods=["GET"])
@permits("clinical.session.read")
@blp.response(200, TherapySessionOut(many=True))
@committed
def list_sessions(resident_id):
    """The resident's sessions: workers see that they took place; nurses, leads and clinicians their summary and
    risk; the author alone the process note."""
    return sessions.list_sessions(db.session, actor(), resident_id)


@blp.route("/residents/<int:resident_id>/plans", methods=["POST"])
@permits("clinical.plan.write")
@blp.arguments(PlanIn)
@blp.response(201, PlanOut)
@blp.alt_response(200, schema=PlanOut, success=True, description=REPLAYED)
@committed
def write_plan(body, resident_id):
    """Write a new version of the resident's treatment plan (clinician): a draft until signed. A goal or an
    objective keeps its id across versions while its key is kept."""
    plan, is_new = plans.write_version(db.session, actor(), {"resident_id": resident_id, **body}, clock.now())
    return created((plans.plan_view(db.session, plan), is_new))


@blp.route("/plans/<int:plan_id>/sign", methods=["POST"])
@permits("clinical.plan.write")
@blp.arguments(PlanSignIn)
@blp.response(200, PlanOut)
@committed
def sign_plan(body, plan_id):
    """Its author signs a version with the resident's participation: it becomes the plan in force."""
    return plans.plan_view(db.session, plans.sign(db.session, actor(), plan_id, body, clock.now()))


@blp.route("/residents/<int:resident_id>/plan", methods=["GET"])
@permits("clinical.plan.read")
@blp.response(200, PlanOut)
@committed
def plan_in_force(resident_id):
    """The resident's plan in force with its next review, and the ids of earlier versions and drafts."""
    return plans.plan_of(db.session, actor(), resident_id)
