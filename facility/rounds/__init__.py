"""Observation rounds: checks, overdue alerts, compliance."""

from facility.jsonbody import ApiBlueprint

blp = ApiBlueprint("rounds", __name__, url_prefix="/api/v1", description="Observation rounds")
