"""Alert list and acknowledgement."""

from facility import clock
from facility.alerts import blp, services
from facility.alerts.schemas import AlertOut, AlertPageOut, AlertQuery
from facility.extensions import db
from facility.http import actor, committed
from facility.permissions import permits
from facility.schemas import NoteIn


@blp.route("", methods=["GET"])
@permits("alerts.read")
@blp.arguments(AlertQuery, location="query")
@blp.response(200, AlertPageOut)
def alerts(query):
    """Alerts of the caller's units, ordered by id (nurse, lead)."""
    return services.list_alerts(db.session, actor(), query)


@blp.route("/<int:alert_id>/ack", methods=["POST"])
@permits("alerts.acknowledge")
@blp.arguments(NoteIn)
@blp.response(200, AlertOut)
@committed
def acknowledge(body, alert_id):
    """Acknowledge an alert (nurse, lead); 409 when someone already did."""
    return services.acknowledge(db.session, actor(), alert_id, body["note"], clock.now())
