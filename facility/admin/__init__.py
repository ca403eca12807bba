"""The administrator's tools: staff accounts and units."""

from facility.jsonbody import ApiBlueprint

blp = ApiBlueprint(
    "admin", __name__, url_prefix="/api/v1", description="Staff accounts, units and systems' API tokens (admin)"
)
