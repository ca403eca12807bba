"""The board's endpoint."""

from flask_login import login_required

from facility import clock
from facility.board import blp, services
from facility.board.schemas import BoardOut
from facility.extensions import db
from facility.http import actor, committed


@blp.route("/units/<int:unit_id>/board", methods=["GET"])
@login_required
@blp.response(200, BoardOut)
@committed
def board(unit_id):
    """Residents of a unit with their rounds status, soonest due first."""
    return services.board(db.session, actor(), unit_id, clock.now())
