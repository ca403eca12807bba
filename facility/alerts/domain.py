"""Alerts declare themselves: the API, the handoff's alert section, the console."""

from facility.alerts import handoff
from facility.alerts.routes import blp
from facility.domain import Domain, HandoffSection, NavEntry

DOMAIN = Domain(
    name="alerts",
    blueprints=(blp,),
    handoff=(HandoffSection("alerts", handoff.alerts, "handoff/_alerts.html"),),
    nav=(NavEntry("Alerts", "web.alerts_page", "alerts.read"),),
)
