"""The alerts page: the nurse console. Its data comes from the alerts API and the socket through static/js/."""

from flask import Blueprint, render_template

from facility.permissions import permits

bp = Blueprint("alerts_pages", __name__)


@bp.route("/alerts")
@permits(
    "alerts.read",
    refused=(
        "The alert console is for nurses and leads",
        "Alerts from your unit go to the nurses and leads on shift. If something needs a nurse now, "
        "call or find the nurse in charge. Your own work is on your start page.",
    ),
)
def alerts_page():
    """The nurse console; anyone else learns whose page it is instead of meeting a console that cannot work."""
    return render_template("alerts/alerts.html")
