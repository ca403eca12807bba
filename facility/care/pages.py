"""The daily-care tablet page of a unit: ADL support, progress notes, groups and outings in a few taps."""

from flask import Blueprint, abort, render_template
from flask_login import current_user

from facility.care.codes import ENGAGEMENT, MEALS, MOODS, PARTICIPATION, SUPPORT
from facility.permissions import may, permits

bp = Blueprint("care_pages", __name__)

# The activities offered on the tablet, in the order a shift meets them; meal, fluids and sleep ask a measure.
ACTIVITIES = [
    "hygiene",
    "oral_care",
    "dressing",
    "grooming",
    "toileting",
    "bathing",
    "meal",
    "fluids",
    "sleep",
    "laundry",
    "room_care",
]


@bp.route("/units/<int:unit_id>/care")
@permits("care.read")
def care_page(unit_id: int):
    """The tablet's daily care: a resident, then the activity, then the level of support."""
    if unit_id not in current_user.unit_ids:
        abort(404)
    # ADL support and outings are a worker's or nurse's record (API.md); a lead's sheet offers notes and groups.
    hands_on = may(current_user, "care.hands_on")
    return render_template(
        "care/care.html",
        unit_id=unit_id,
        activities=ACTIVITIES if hands_on else [],
        hands_on=hands_on,
        support=SUPPORT,
        meals=MEALS,
        moods=MOODS,
        engagement=ENGAGEMENT,
        participation=PARTICIPATION,
    )
