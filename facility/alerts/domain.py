"""Alerts declare themselves: the API, the discharge reaction, the handoff's alert section, the console."""

from facility.alerts import handlers, handoff
from facility.alerts.routes import blp
from facility.census.codes import DISCHARGED
from facility.domain import Domain, HandoffSection, NavEntry, Web

DOMAIN = Domain(
    name="alerts",
    reactions={DISCHARGED: (handlers.clear_on_discharge,)},
    handoff=(HandoffSection("alerts", handoff.alerts, "alerts/_handoff.html"),),
    web=Web(api=(blp,), nav=(NavEntry("Alerts", "web.alerts_page", ("nurse", "lead")),)),
)
