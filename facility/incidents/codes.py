"""What incident and episode records can say: event kinds, categories, severities, the intervention ladder."""

from __future__ import annotations

DRAFTED = "incident.drafted"
DRAFT_EDITED = "incident.draft_edited"
SUBMITTED = "incident.submitted"
REVIEWED = "incident.reviewed"
CLOSED = "incident.closed"
ADDENDUM = "incident.addendum"
MANDATED_REPORT = "incident.mandated_report"  # a report to the authorities a law requires (abuse, neglect)
EPISODE_STARTED = "episode.started"
MONITORED = "episode.monitored"
FACE_TO_FACE = "episode.face_to_face"
RENEWED = "episode.renewed"
ENDED = "episode.ended"
# An incident report naming a hold, a restraint or seclusion opens an episode for a nurse to complete
# (episode.opened), whose order the nurse enters later (episode.ordered); or links to the episode a nurse
# had already started for that resident at that time (episode.linked).
EPISODE_OPENED = "episode.opened"
ORDERED = "episode.ordered"
EPISODE_LINKED = "episode.linked"

SYNC_TYPE = "incident"

# The fields of a report, in the order the form asks for them.
REPORT_KEYS = (
    "occurred_at",
    "location",
    "resident_ids",
    "staff_ids",
    "category",
    "severity",
    "antecedent",
    "behavior",
    "consequence",
    "interventions",
    "held_resident_ids",
    "injuries",
    "notifications",
    "narrative",
)

DRAFT, SUBMITTED_STATUS, REVIEWED_STATUS, CLOSED_STATUS = "draft", "submitted", "reviewed", "closed"
STATUSES = [DRAFT, SUBMITTED_STATUS, REVIEWED_STATUS, CLOSED_STATUS]

CATEGORIES = [
    "verbal_aggression",
    "physical_aggression_peer",
    "physical_aggression_staff",
    "self_harm",
    "suicide_attempt",
    "elopement",
    "property_damage",
    "fall",
    "medical_emergency",
    "contraband",
    "sexual_behavior",
    "abuse_suspected",
    "neglect_suspected",
    "other",
]
# Categories whose suspicion the law makes staff report to an outside agency within MANDATED_REPORT_HOURS.
MANDATED_CATEGORIES = frozenset({"abuse_suspected", "neglect_suspected"})
MANDATED_METHODS = ["phone", "online", "fax", "email", "in_person", "letter"]
SEVERITIES = ["low", "moderate", "high", "critical"]
HIGH_SEVERITIES = frozenset({"high", "critical"})

# DESIGN.md §Incidents: the ladder from least to most restrictive; a report lists them in this order.
INTERVENTIONS = [
    "verbal_deescalation",
    "redirection",
    "offered_choices",
    "reduced_stimulation",
    "prn_offered",
    "physical_hold",
    "mechanical_restraint",
    "seclusion",
]
RESTRICTIVE = frozenset({"physical_hold", "mechanical_restraint", "seclusion"})

# Episode kinds: HBIPS-2 counts the restraints (physical and mechanical), HBIPS-3 seclusion.
PHYSICAL_HOLD, MECHANICAL, SECLUSION = "physical_hold", "mechanical_restraint", "seclusion"
EPISODE_KINDS = [PHYSICAL_HOLD, MECHANICAL, SECLUSION]
RESTRAINTS = frozenset({PHYSICAL_HOLD, MECHANICAL})

INJURED_PERSONS = ["resident", "staff", "visitor"]
NOTIFIED = [
    "physician",
    "psychiatrist",
    "nurse_supervisor",
    "administrator_on_call",
    "guardian",
    "family",
    "case_manager",
    "police",
    "ems",
    "state_agency",
    "other",
]
NOTIFY_METHODS = ["phone", "in_person", "email", "page", "other"]

# What each 15-minute check of a resident in restraint or seclusion looks at (42 CFR 482.13(e)(12)).
MONITORING_CHECKS = [
    "breathing_ok",
    "circulation_ok",
    "skin_intact",
    "range_of_motion",
    "fluids_offered",
    "toileting_offered",
    "nutrition_offered",
    "no_injury",
    "ready_for_release",
]
MONITORING_STATES = ["calm", "agitated", "distressed", "asleep", "withdrawn", "combative"]
