"""The facility's own code system, for what no standard terminology names: rounds, levels, ADL and the like.

A code is `group.value` (`check-state.asleep`, `adl-activity.meal`), so that the same word in two lists
(`refused` as a dose outcome and as a level of support) stays two codes.
"""

from __future__ import annotations

from typing import Any

from facility.care.codes import ACTIVITIES, SCOPES, SUPPORT
from facility.census.levels import LEVEL_CODES
from facility.census.schemas import PRECAUTIONS
from facility.incidents.codes import CATEGORIES, EPISODE_KINDS
from facility.medobs.codes import OUTCOMES
from facility.rounds.codes import LOCATIONS, STATES

SYSTEM = "https://facility.example/fhir/CodeSystem/facility"
RECORD_NUMBER_SYSTEM = "https://facility.example/fhir/NamingSystem/record-number"
HL7 = "http://terminology.hl7.org/CodeSystem"
MED_ADMIN_FUNCTION = f"{HL7}/med-admin-perform-function"

# The groups of the code system: what each is, and its values (each value's display is the value in words).
GROUPS: dict[str, tuple[str, list[str]]] = {
    "check-state": ("How the resident was at a rounds check", list(STATES)),
    "check-location": ("Where the resident was at a rounds check", list(LOCATIONS)),
    "observation-level": ("How closely the resident is watched", list(LEVEL_CODES)),
    "adl-activity": ("An activity of daily living supported", list(ACTIVITIES)),
    "adl-support": ("The level of support given (MDS style)", list(SUPPORT)),
    "precaution": ("A precaution the staff keep for the resident", list(PRECAUTIONS)),
    "episode": ("A restraint or seclusion episode", list(EPISODE_KINDS)),
    "incident": (
        "The category of an incident",
        list(dict.fromkeys([*CATEGORIES, "abuse_suspected", "neglect_suspected"])),
    ),
    "dose-outcome": ("What became of an observed dose", list(OUTCOMES)),
    "consent-scope": ("What a consent lets staff share with the contact it names", list(SCOPES)),
}

# Codes of their own, for what is recorded rather than the value recorded.
ROUNDS_CHECK = "rounds-check"
LEVEL_SET = "observation-level-set"
BREATHING = "breathing-observed"
PERCENT_EATEN, FLUIDS, SLEEP_HOURS = "percent-eaten", "fluids-ml", "sleep-hours"
OWN_CODES = {
    ROUNDS_CHECK: "A rounds check: the resident seen (or looked for) by a member of staff",
    LEVEL_SET: "The observation level set for the resident",
    BREATHING: "Breathing observed while asleep",
    PERCENT_EATEN: "Share of a meal eaten",
    FLUIDS: "Fluids taken",
    SLEEP_HOURS: "Hours slept",
}


def words(value: str) -> str:
    """A code's value as a display: `own_room` → 'own room'."""
    return value.replace("_", " ")


def code(group: str, value: str) -> str:
    """The code of a value of a group; ValueError for a value the group does not list."""
    if value not in GROUPS[group][1]:
        raise ValueError(f"{value!r} is not a code of {group}")
    return f"{group}.{value}"


def coding(group: str, value: str) -> dict[str, Any]:
    """A Coding of the facility's code system for a value of a group."""
    return {"system": SYSTEM, "code": code(group, value), "display": words(value)}


def concept(group: str, value: str) -> dict[str, Any]:
    """A CodeableConcept of one facility coding, with its words as text.

    A value the code system does not list (one an older version of the facility recorded) is exported as text
    alone rather than stopping the export.
    """
    if value not in GROUPS[group][1]:
        return {"text": words(str(value))}
    return {"coding": [coding(group, value)], "text": words(value)}


def own_concept(name: str) -> dict[str, Any]:
    """A CodeableConcept of one of the code system's own codes (a rounds check, a level set)."""
    return {"coding": [{"system": SYSTEM, "code": name, "display": OWN_CODES[name]}], "text": OWN_CODES[name]}


def group_concept(group: str) -> dict[str, Any]:
    """A CodeableConcept naming a group itself (a check's location as a component's code)."""
    display = GROUPS[group][0]
    return {"coding": [{"system": SYSTEM, "code": group, "display": display}], "text": display}


def code_system() -> dict[str, Any]:
    """The code system as an R4B CodeSystem resource: its groups, each value a concept under its group."""
    concepts: list[dict[str, Any]] = [{"code": name, "display": display} for name, display in OWN_CODES.items()]
    for group, (display, values) in GROUPS.items():
        concepts.append(
            {
                "code": group,
                "display": display,
                "concept": [{"code": f"{group}.{value}", "display": words(value)} for value in values],
            }
        )
    return {
        "resourceType": "CodeSystem",
        "id": "facility",
        "url": SYSTEM,
        "name": "FacilityCodes",
        "title": "The facility's own codes",
        "status": "active",
        "content": "complete",
        "hierarchyMeaning": "grouped-by",
        "caseSensitive": True,
        "description": (
            "Codes for what no standard terminology names: rounds check states and locations, observation "
            "levels, ADL activities and support, precautions, episodes, incident categories, dose outcomes."
        ),
        "concept": concepts,
    }
