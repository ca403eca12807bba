"""The unit's board: each resident's rounds status, absences and open alerts, gathered from the domains."""

from facility.jsonbody import ApiBlueprint

blp = ApiBlueprint(
    "board",
    __name__,
    url_prefix="/api/v1",
    description="The unit's board: each resident's rounds, absences and open alerts, gathered from the domains.",
)
