"""What a check can say: where the resident was and how they were."""

from __future__ import annotations

CHECK = "rounds.check"

UNABLE_TO_LOCATE = "unable_to_locate"
LOCATIONS = [
    "own_room",
    "bathroom",
    "dayroom",
    "dining",
    "group_room",
    "hallway",
    "courtyard",
    "off_unit_escorted",
    UNABLE_TO_LOCATE,
]

ASLEEP = "asleep"
AGITATED = "agitated"
SELF_HARM = "self_harm_behavior"
STATES = [
    ASLEEP,
    "awake_calm",
    "awake_active",
    "awake_withdrawn",
    "anxious",
    AGITATED,
    "tearful",
    "responding_to_internal_stimuli",
    SELF_HARM,
    "not_seen",
]

# A behaviour change raises an alert of this severity.
BEHAVIOR_SEVERITY = {AGITATED: "warning", SELF_HARM: "critical"}

ASSIGNED = "rounds.assigned"

# A check that did not see the resident (cannot be found, or asleep with breathing not seen) is not a sighting:
# the last sighting stays the last sighting until a check sees them.
MISSING = "missing"
BREATHING_NOT_SEEN = "breathing_not_seen"


def not_seen_reason(location: str | None, state: str | None, breathing_observed: bool | None) -> str | None:
    """Why a check did not see the resident (`missing`, `breathing_not_seen`), or None when it saw them."""
    if location == UNABLE_TO_LOCATE:
        return MISSING
    if state == ASLEEP and breathing_observed is False:
        return BREATHING_NOT_SEEN
    return None
