"""The append-only clinical record."""

from facility.jsonbody import ApiBlueprint

blp = ApiBlueprint("records", __name__, url_prefix="/api/v1/events", description="The clinical record")
