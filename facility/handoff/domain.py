"""The handoff declares its API and its pages' place in the header."""

from facility.domain import Domain, NavEntry, Web
from facility.handoff.routes import blp

DOMAIN = Domain(
    name="handoff",
    web=Web(
        api=(blp,),
        nav=(
            NavEntry("Handoffs", "web.handoffs_page", "handoff.read"),
            NavEntry("Reports", "web.reports_page", "reports.list"),
        ),
    ),
)
