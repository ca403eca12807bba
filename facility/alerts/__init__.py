"""Alerts: rules raise them, consoles receive and acknowledge them."""

from facility.jsonbody import ApiBlueprint

blp = ApiBlueprint("alerts", __name__, url_prefix="/api/v1/alerts", description="Live alerts")
