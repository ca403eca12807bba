"""Daily care: ADL support, progress notes toward treatment-plan goals, groups, outings, family contacts."""

from facility.jsonbody import ApiBlueprint

blp = ApiBlueprint(
    "care",
    __name__,
    url_prefix="/api/v1",
    description="Daily care: ADL, notes, goals, groups, outings, consents and contacts",
)
