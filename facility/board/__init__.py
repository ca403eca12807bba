"""The unit's board: each resident's rounds status, absences and open alerts, gathered from the domains."""

from facility.jsonbody import ListedApiBlueprint

# Listed under census in the API document, where the board has always been.
blp = ListedApiBlueprint("board", __name__, url_prefix="/api/v1", listed_under="census")
