"""Observation rounds declare themselves: checks, their alerts, the overdue sweep, sync, handoff, pages."""

from facility.census.codes import ADMITTED, TRANSFERRED
from facility.domain import Chart, Domain, HandoffSection, Kind, NavEntry, Report, SyncType, Web
from facility.rounds import describe, handlers, handoff, label_pages, pages, presence, rebuild, services  # noqa: F401 (label_pages: routes)
from facility.rounds.codes import ASSIGNED, CHECK
from facility.rounds.routes import blp
from facility.rounds.schemas import AssignedData, CheckData, CheckIn

DOMAIN = Domain(
    name="rounds",
    projections=(rebuild.PROJECTION,),
    kinds=(
        # How presence was proved (a scan of which code, or a tap and its reason) is never amended.
        Kind(CHECK, CheckData, (handlers.on_check,), describe=describe.check, protected=("presence",)),
        # A new assignment replaces the shift's last one; there is nothing to correct.
        Kind(ASSIGNED, AssignedData, (), correctable=False, describe=describe.assigned),
    ),
    # Every resident arrives with a wristband code and their room's, so reading the labels stores nothing.
    reactions={ADMITTED: (presence.codes_on_arrival,), TRANSFERRED: (presence.codes_on_arrival,)},
    time_rules=(handlers.sweep_overdue,),
    handoff=(HandoffSection("rounds", handoff.rounds, "rounds/_handoff.html", handoff.gather),),
    web=Web(
        api=(blp,),
        pages=pages.bp,
        nav=(
            NavEntry("rounds", "rounds_pages.rounds_page", "rounds.read", per_unit=True),
            NavEntry("assignments", "rounds_pages.assignments_page", "rounds.assignments.set", per_unit=True),
            NavEntry("codes", "rounds_pages.labels_page", "rounds.presence_codes.read", per_unit=True),
        ),
        reports=(
            Report(
                "rounds compliance",
                "rounds_pages.rounds_report_page",
                "reports.rounds",
                Chart("rounds, last 30 days", "rounds/_30_days.html", services.last_days),
            ),
        ),
        sync=(SyncType(CHECK, CheckIn, services.record_check),),
    ),
)
