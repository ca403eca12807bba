"""The board's endpoint."""

from facility import clock
from facility.board import blp, services
from facility.board.schemas import BoardOut
from facility.extensions import db
from facility.http import actor, committed
from facility.permissions import permits


@blp.route("/units/<int:unit_id>/board", methods=["GET"])
@permits("residents.read")
@blp.response(200, BoardOut)
@committed
def board(unit_id):
    """Residents of a unit with their rounds status, soonest due first."""
    return services.board(db.session, actor(), unit_id, clock.now())
