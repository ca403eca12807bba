"""The rounds pages: the tablet board of a unit."""
from flask import Blueprint, abort, render_template
from flask_login import current_user, login_required

bp = Blueprint("rounds_pages", __name__)


@bp.route("/units/<int:unit_id>/rounds")
@login_required
def rounds_page(unit_id: int):
    """The tablet board of a unit."""
    if unit_id not in current_user.unit_ids:
        abort(404)
    return render_template("rounds.html", unit_id=unit_id)
