"""Census endpoints."""

from facility import clock
from facility.census import blp, services
from facility.census.schemas import (
    AdmitIn,
    DischargeIn,
    EventRefOut,
    LevelChangeIn,
    ResidentDetailOut,
    ResidentOut,
    ResidentQuery,
    TransferIn,
    UnitOut,
)
from facility.extensions import db
from facility.http import REPLAYED, actor, committed, created
from facility.permissions import permits


@blp.route("/units", methods=["GET"])
@permits("residents.read")
@blp.response(200, UnitOut(many=True))
def units():
    """The caller's units."""
    return services.list_units(db.session, actor())


@blp.route("/residents", methods=["GET"])
@permits("residents.read")
@blp.arguments(ResidentQuery, location="query")
@blp.response(200, ResidentOut(many=True))
@committed
def residents(query):
    """Residents of the caller's units."""
    return services.list_residents(db.session, actor(), query["unit_id"], query["include_discharged"])


@blp.route("/residents", methods=["POST"])
@permits("residents.admit")
@blp.arguments(AdmitIn)
@blp.response(201, ResidentDetailOut)
@blp.alt_response(200, schema=ResidentDetailOut, success=True, description=REPLAYED)
@committed
def admit(body):
    """Admit a resident (admin, lead)."""
    return created(services.admit(db.session, actor(), body, clock.now()))


@blp.route("/residents/<int:resident_id>", methods=["GET"])
@permits("residents.read")
@blp.response(200, ResidentDetailOut)
@committed
def resident(resident_id):
    """One resident's detail: full name, date of birth, allergies."""
    return services.resident_detail(db.session, actor(), resident_id)


@blp.route("/residents/<int:resident_id>/discharge", methods=["POST"])
@permits("residents.discharge")
@blp.arguments(DischargeIn)
@blp.response(200, EventRefOut)
@committed
def discharge(body, resident_id):
    """Discharge a resident (admin, lead)."""
    event, _new = services.discharge(db.session, actor(), resident_id, body, clock.now())
    return event


@blp.route("/residents/<int:resident_id>/transfer", methods=["POST"])
@permits("residents.transfer")
@blp.arguments(TransferIn)
@blp.response(201, EventRefOut)
@blp.alt_response(200, schema=EventRefOut, success=True, description=REPLAYED)
@committed
def transfer(body, resident_id):
    """Move a resident to another unit (admin, lead)."""
    return created(services.transfer(db.session, actor(), resident_id, body, clock.now()))


@blp.route("/residents/<int:resident_id>/observation-level", methods=["POST"])
@permits("residents.observation_level.set")
@blp.arguments(LevelChangeIn)
@blp.response(201, EventRefOut)
@blp.alt_response(200, schema=EventRefOut, success=True, description=REPLAYED)
@committed
def observation_level(body, resident_id):
    """Change a resident's observation level (nurse, lead; reason required)."""
    return created(services.change_level(db.session, actor(), resident_id, body, clock.now()))
