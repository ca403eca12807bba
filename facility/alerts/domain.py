"""Alerts declare themselves: the API, the discharge reaction, the handoff's alert section, the console."""

from facility.alerts import handlers, handoff
from facility.alerts.routes import blp
from facility.census.codes import DISCHARGED
from facility.domain import Domain, HandoffSection, NavEntry

DOMAIN = Domain(
    name="alerts",
    blueprints=(blp,),
    reactions={DISCHARGED: (handlers.clear_on_discharge,)},
    handoff=(HandoffSection("alerts", handoff.alerts, "handoff/_alerts.html"),),
    nav=(NavEntry("Alerts", "web.alerts_page", "alerts.read"),),
)
