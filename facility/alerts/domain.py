"""Alerts declare themselves: the API, the handoff's alert section, the console."""

from facility.alerts import handoff, pages
from facility.alerts.routes import blp
from facility.domain import Domain, HandoffSection, NavEntry, Web

DOMAIN = Domain(
    name="alerts",
    handoff=(HandoffSection("alerts", handoff.alerts, "alerts/_handoff.html"),),
    web=Web(api=(blp,), pages=pages.bp, nav=(NavEntry("Alerts", "alerts_pages.alerts_page", "alerts.read"),)),
)
