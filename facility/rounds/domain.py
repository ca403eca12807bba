"""Observation rounds declare themselves: checks, their alerts, the overdue sweep, sync, handoff, pages."""

from facility.census.codes import ADMITTED, TRANSFERRED
from facility.domain import Domain, HandoffSection, Kind, NavEntry, ReportPanel, SyncType
from facility.rounds import describe, handlers, handoff, label_pages, pages, presence, rebuild, services  # noqa: F401 (label_pages: routes)
from facility.rounds.codes import ASSIGNED, CHECK
from facility.rounds.routes import blp
from facility.rounds.schemas import AssignedData, CheckData, CheckIn

DOMAIN = Domain(
    name="rounds",
    projections=(rebuild.PROJECTION,),
    blueprints=(blp,),
    kinds=(
        # How presence was proved (a scan of which code, or a tap and its reason) is never amended.
        Kind(CHECK, CheckData, (handlers.on_check,), describe=describe.check, protected=("presence",)),
        # A new assignment replaces the shift's last one; there is nothing to correct.
        Kind(ASSIGNED, AssignedData, (), correctable=False, describe=describe.assigned),
    ),
    # Every resident arrives with a wristband code and their room's, so reading the labels stores nothing.
    reactions={ADMITTED: (presence.codes_on_arrival,), TRANSFERRED: (presence.codes_on_arrival,)},
    sync_types=(SyncType(CHECK, CheckIn, services.record_check),),
    time_rules=(handlers.sweep_overdue,),
    handoff=(HandoffSection("rounds", handoff.rounds, "handoff/_rounds.html", handoff.gather),),
    pages=pages.bp,
    nav=(
        NavEntry("rounds", "rounds_pages.rounds_page", "rounds.read", per_unit=True),
        NavEntry("assignments", "rounds_pages.assignments_page", "rounds.assignments.set", per_unit=True),
        NavEntry("codes", "rounds_pages.labels_page", "rounds.presence_codes.read", per_unit=True),
    ),
    reports=(NavEntry("rounds compliance", "rounds_pages.rounds_report_page", "reports.rounds", per_unit=True),),
    report_panels=(
        ReportPanel("rounds, last 30 days", "reports/_rounds_30_days.html", services.last_days, "reports.rounds"),
    ),
)
