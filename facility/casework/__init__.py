"""Case management: the caseload, needs assessed by the resident and by staff, community resources, referrals."""

from facility.jsonbody import ApiBlueprint

blp = ApiBlueprint(
    "casework",
    __name__,
    url_prefix="/api/v1",
    description="Case management: case managers, needs, the resource directory, referrals, the caseload",
)
