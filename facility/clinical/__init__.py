"""Clinical work: standardized assessments scored by the server, and the alarm a positive safety item raises."""

from facility.clinical import instruments
from facility.jsonbody import ApiBlueprint

blp = ApiBlueprint(
    "clinical",
    __name__,
    url_prefix="/api/v1",
    description="Clinical work: instruments and standardized assessments",
)
# The definitions are read once, when the app takes in the domain's API, not at import.
blp.record_once(lambda state: instruments.install(state.app))
