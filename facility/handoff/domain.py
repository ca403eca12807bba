"""The handoff declares its API, its pages and their place in the header."""

from facility.domain import Domain, NavEntry, Web
from facility.handoff import pages
from facility.handoff.routes import blp

DOMAIN = Domain(
    name="handoff",
    web=Web(
        api=(blp,),
        pages=pages.bp,
        nav=(
            NavEntry("Handoffs", "handoff_pages.handoffs_page", "handoff.read"),
            NavEntry("Reports", "web.reports_page", "reports.list"),
        ),
    ),
)
