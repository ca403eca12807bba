"""Units, residents and their observation levels."""

from facility.jsonbody import ApiBlueprint

blp = ApiBlueprint("census", __name__, url_prefix="/api/v1", description="Units and residents")
