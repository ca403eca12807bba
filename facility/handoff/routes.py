"""Handoff endpoints."""

from facility import clock
from facility.extensions import db
from facility.handoff import blp, services
from facility.handoff.schemas import HandoffDetailOut, HandoffPageOut, HandoffQuery, HandoffRequestIn
from facility.http import actor, committed, created
from facility.permissions import permits
from facility.schemas import NoteIn


@blp.route("", methods=["GET"])
@permits("handoff.read")
@blp.arguments(HandoffQuery, location="query")
@blp.response(200, HandoffPageOut)
@committed
def handoffs(query):
    """A unit's handoffs, newest first (lead, nurse)."""
    return services.list_handoffs(db.session, actor(), query)


@blp.route("", methods=["POST"])
@permits("handoff.build")
@blp.arguments(HandoffRequestIn)
@blp.response(201, HandoffDetailOut)
@blp.alt_response(
    200, schema=HandoffDetailOut, success=True, description="The handoff of that shift exists: the stored one."
)
@committed
def build(body):
    """Build a shift's handoff now (lead); 200 with the stored one if it exists."""
    return created(services.request_build(db.session, actor(), body, clock.now()))


@blp.route("/<int:handoff_id>", methods=["GET"])
@permits("handoff.read")
@blp.response(200, HandoffDetailOut)
@committed
def handoff(handoff_id):
    """One handoff with its summary (lead, nurse)."""
    return services.get(db.session, actor(), handoff_id)


@blp.route("/<int:handoff_id>/ack", methods=["POST"])
@permits("handoff.acknowledge")
@blp.arguments(NoteIn)
@blp.response(200, HandoffDetailOut)
@committed
def acknowledge(body, handoff_id):
    """The incoming lead acknowledges the handoff."""
    return services.acknowledge(db.session, actor(), handoff_id, body["note"], clock.now())
