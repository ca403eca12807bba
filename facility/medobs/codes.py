"""What medication records can say: event kinds, outcomes, routes, side effects."""

from __future__ import annotations

ORDERED = "medication.ordered"
STOPPED = "medication.stopped"
OBSERVED = "medobs.observed"
FOLLOWUP = "medobs.prn_followup"

SYNC_TYPE = "medobs"
FOLLOWUP_SYNC_TYPE = "medobs.prn_followup"

TAKEN, PARTIAL, REFUSED, HELD = "taken", "partial", "refused", "held"
NOT_AVAILABLE, SPIT_OUT = "not_available", "spit_out_suspected"
OUTCOMES = [TAKEN, PARTIAL, REFUSED, HELD, NOT_AVAILABLE, SPIT_OUT]
# Outcomes where the medication went into the resident: they count against a PRN's 24-hour maximum
# and open an effectiveness follow-up.
GIVEN = frozenset({TAKEN, PARTIAL, SPIT_OUT})

# The letters of the monthly record (MOR); M is a dose whose window closed with no observation.
MOR_CODES = {TAKEN: "T", PARTIAL: "P", REFUSED: "R", HELD: "H", NOT_AVAILABLE: "NA", SPIT_OUT: "S"}
MISSED_CODE = "M"

ROUTES = [
    "oral",
    "sublingual",
    "buccal",
    "topical",
    "transdermal",
    "inhaled",
    "nasal",
    "ophthalmic",
    "otic",
    "rectal",
    "vaginal",
    "subcutaneous",
    "intramuscular",
]

EFFECTS = ["effective", "partly_effective", "not_effective", "resident_asleep"]

# DESIGN.md §Medication: seen after a dose, these make the side_effect alert critical.
SEVERE_SIDE_EFFECTS = ["difficulty_breathing", "swelling_face_lips_tongue", "seizure", "fainting", "chest_pain"]
# Free-text side effects are read against these words, so "short of breath" is as severe as the code;
# swelling counts when it names the face, lips, tongue or throat.
SEVERE_WORDS = (
    "breath",
    "wheez",
    "seizure",
    "convuls",
    "faint",
    "passed out",
    "unresponsive",
    "syncope",
    "chest pain",
    "chest tight",
)
SWELLING_WORDS = ("swell", "swollen")
SWELLING_PARTS = ("face", "lip", "tongue", "throat")
