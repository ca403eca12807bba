"""What clinical records can say: event kinds, who informs an assessment, the alert kinds it raises."""

from __future__ import annotations

ASSESSED = "assessment.administered"

SYNC_ASSESSMENT = "assessment"

# Who answered: the resident themselves (a self-report on the tablet) or staff rating what they observed.
INFORMANTS = ["resident", "staff"]

SUICIDE_RISK_SCREEN = "suicide_risk_screen"
VIOLENCE_RISK = "violence_risk"

# The handoff's action for a resident whose safety screen was positive in the shift.
SAFETY_ACTION = "safety assessment by a clinician"

# Instruments shown on the caseload's trend columns, in this order.
TRENDED = ("phq9", "gad7")

SESSION = "therapy.session_held"
SIGNED = "therapy.session_signed"
COSIGNED = "therapy.session_cosigned"

SESSION_KINDS = ["individual", "group", "family", "crisis"]
MODALITIES = [
    "cbt",
    "dbt",
    "mi",
    "psychoeducation",
    "skills_group",
    "family_therapy",
    "supportive",
    "crisis_intervention",
    "other",
]
RISK_LEVELS = ["none", "low", "moderate", "high"]

NOTE_UNSIGNED = "note_unsigned"
# A session note still unsigned this long after the session ended raises note_unsigned.
UNSIGNED_AFTER_HOURS = 24

PLAN_WRITTEN = "plan.version_written"
PLAN_SIGNED = "plan.signed"
PLAN_MODALITIES = [
    "cbt",
    "dbt",
    "mi",
    "psychoeducation",
    "skills_group",
    "family_therapy",
    "medication_management",
    "case_management",
    "other",
]
PARTICIPATION = ["agreed", "declined_to_sign", "unable"]
REVIEW_DAYS = 30
PLAN_REVIEW_DUE = "plan_review_due"
