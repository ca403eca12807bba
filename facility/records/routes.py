"""The log: read it, amend or void a record."""

from facility import clock
from facility.extensions import db
from facility.http import REPLAYED, actor, committed, created
from facility.permissions import permits
from facility.records import blp, services
from facility.records.schemas import AmendIn, EventOut, EventPageOut, EventQuery
from facility.schemas import CorrectionIn


@blp.route("", methods=["GET"])
@permits("records.read")
@blp.arguments(EventQuery, location="query")
@blp.response(200, EventPageOut)
@committed
def events(query):
    """A page of one unit's log, ordered by id, each row marked effective or superseded."""
    return services.list_events(db.session, actor(), query)


@blp.route("/<uuid:uid>/amend", methods=["POST"])
@permits("records.correct")
@blp.arguments(AmendIn)
@blp.response(201, EventOut)
@blp.alt_response(200, schema=EventOut, success=True, description=REPLAYED)
@committed
def amend(body, uid):
    """Correct a record's data with a reason (author, nurse, lead)."""
    return created(services.amend(db.session, actor(), uid, body, clock.now()))


@blp.route("/<uuid:uid>/void", methods=["POST"])
@permits("records.correct")
@blp.arguments(CorrectionIn)
@blp.response(201, EventOut)
@blp.alt_response(200, schema=EventOut, success=True, description=REPLAYED)
@committed
def void(body, uid):
    """Withdraw a record entered in error (author, nurse, lead)."""
    return created(services.void(db.session, actor(), uid, body, clock.now()))
