"""Shift handoffs: built by the scheduler at each shift change, read and acknowledged by leads."""

from facility.jsonbody import ApiBlueprint

blp = ApiBlueprint("handoff", __name__, url_prefix="/api/v1/handoffs", description="Shift handoffs")
