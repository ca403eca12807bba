"""What daily-care records can say: event kinds, sync types and the codes of each field."""

from __future__ import annotations

from datetime import timedelta

from facility.goals import GOAL_SET

ADL = "adl.support"
NOTE = "note.written"
GOAL = GOAL_SET  # a goal set from the floor: a row of the plan's one goal table (facility.goals)
GROUP = "group.held"
ATTENDED = "group.attended"  # one per attendee, so the group shows in each resident's record
SIGNED_OUT = "outing.signed_out"
RETURNED = "outing.returned"
CONSENT = "consent.recorded"
CONTACT = "contact.made"

SYNC_ADL, SYNC_NOTE, SYNC_GROUP, SYNC_OUTING, SYNC_CONTACT = "adl", "note", "group", "outing", "contact"
SYNC_RETURN = "outing.return"  # a sign-in made offline names the outing by its uid

# DESIGN.md §Daily care: activities of daily living and the MDS-style level of support.
MEAL, FLUIDS, SLEEP = "meal", "fluids", "sleep"
ACTIVITIES = [
    "hygiene",
    "bathing",
    "oral_care",
    "dressing",
    "grooming",
    MEAL,
    FLUIDS,
    "toileting",
    SLEEP,
    "laundry",
    "room_care",
]
DID_NOT_OCCUR = "did_not_occur"
SUPPORT = [
    "independent",
    "supervision",
    "limited_assist",
    "extensive_assist",
    "total_dependence",
    "refused",
    DID_NOT_OCCUR,
]
MEALS = ["breakfast", "lunch", "dinner", "snack"]

# Progress notes: how the resident seemed (mood) and how far they took part in their plan (engagement).
MOODS = ["calm", "cheerful", "anxious", "low", "irritable", "elevated", "flat", "labile"]
ENGAGEMENT = ["full", "partial", "minimal", "declined"]

PARTICIPATION = ["active", "passive", "declined", "left_early"]

# What a consent lets staff share with the contact it names.
SCOPES = ["contact_only", "general_updates", "treatment_information", "full_record"]
CONTACT_METHODS = ["phone", "visit", "video", "email", "letter"]

# Two consecutive meals under this share eaten raise poor_intake; a meal at or above it clears it.
POOR_INTAKE_PERCENT = 25
# Still out this long after the expected return: a second, critical return_overdue (even if the first,
# a warning, was acknowledged), because a resident unaccounted for half an hour needs the missing-person steps.
RETURN_CRITICAL_AFTER = timedelta(minutes=30)
