"""Medication endpoints: orders, stops, observations, follow-ups, the med pass, the MOR."""

from facility import clock
from facility.extensions import db
from facility.http import REPLAYED, actor, committed, created
from facility.medobs import blp, medpass, services
from facility.medobs.schemas import (
    FollowupIn,
    FollowupOut,
    MedPassOut,
    MedPassQuery,
    MorQuery,
    ObservationIn,
    ObservationOut,
    OrderIn,
    OrderOut,
    ResidentQuery,
    StopIn,
)
from facility.permissions import permits
from facility.records.log import jsonable


@blp.route("/medications/orders", methods=["POST"])
@permits("medications.order")
@blp.arguments(OrderIn)
@blp.response(201, OrderOut)
@blp.alt_response(200, schema=OrderOut, success=True, description=REPLAYED)
@committed
def order_medication(body):
    """Enter a medication order (nurse, lead): scheduled local times, or PRN with indication and 24-h maximum."""
    return created(services.order_medication(db.session, actor(), body, clock.now()))


@blp.route("/medications/orders", methods=["GET"])
@permits("medications.read")
@blp.arguments(ResidentQuery, location="query")
@blp.response(200, OrderOut(many=True))
@committed
def list_orders(query):
    """A resident's orders in force, with allergies."""
    return services.list_orders(db.session, actor(), query["resident_id"], query["include_stopped"])


@blp.route("/medications/orders/<int:order_id>/stop", methods=["POST"])
@permits("medications.order")
@blp.arguments(StopIn)
@blp.response(201, OrderOut)
@blp.alt_response(200, schema=OrderOut, success=True, description=REPLAYED)
@committed
def stop_order(body, order_id):
    """Stop an order (nurse, lead); its later doses leave the med pass."""
    return created(services.stop_order(db.session, actor(), order_id, body, clock.now()))


@blp.route("/units/<int:unit_id>/med-pass", methods=["GET"])
@permits("medications.read")
@blp.arguments(MedPassQuery, location="query")
@blp.response(200, MedPassOut)
@committed
def med_pass(query, unit_id):
    """The day's doses of a unit (local date, default today) with windows and status, and its PRN orders."""
    return medpass.med_pass(db.session, actor(), unit_id, query["date"], clock.now())


@blp.route("/medobs", methods=["POST"])
@permits("medobs.observe")
@blp.arguments(ObservationIn)
@blp.response(201, ObservationOut)
@blp.alt_response(200, schema=ObservationOut, success=True, description=REPLAYED)
@committed
def observe_dose(body):
    """Record a dose observation (worker, nurse); a second one of the same dose is 409."""
    event, is_new = services.observe_dose(db.session, actor(), body, clock.now())
    return created((services.observation_view(db.session, event), is_new))


@blp.route("/medobs/followups", methods=["POST"])
@permits("medobs.observe")
@blp.arguments(FollowupIn)
@blp.response(201, FollowupOut)
@blp.alt_response(200, schema=FollowupOut, success=True, description=REPLAYED)
@committed
def record_followup(body):
    """Document the effect of a PRN dose (worker, nurse)."""
    return created(services.record_followup(db.session, actor(), body, clock.now()))


@blp.route("/residents/<int:resident_id>/mor", methods=["GET"])
@permits("medications.read")
@blp.arguments(MorQuery, location="query")
@blp.response(200)
@committed
def mor(query, resident_id):
    """The monthly medication observation record as data: orders × days × scheduled times, codes and witnesses."""
    data = medpass.mor(db.session, actor(), resident_id, query["month"], clock.now())
    resident = data.pop("resident")
    return {
        **data,
        "resident_id": resident.id,
        "days": [d.isoformat() for d in data["days"]],
        "orders": [jsonable(o) for o in data["orders"]],
    }
