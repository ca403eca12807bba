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
