"""Incidents, de-escalation and restraint/seclusion episodes: reports, their workflow, episodes' clocks, HBIPS."""

from facility.jsonbody import ApiBlueprint

blp = ApiBlueprint(
    "incidents", __name__, url_prefix="/api/v1", description="Incident reports and restraint/seclusion episodes"
)
