"""Medication self-administration observations: orders, the med pass, observations, the MOR."""

from facility.jsonbody import ApiBlueprint

blp = ApiBlueprint("medobs", __name__, url_prefix="/api/v1", description="Medication orders and observations")
