"""What case-management records can say: event kinds and the codes of each field (API.md, DESIGN.md)."""

from __future__ import annotations

from datetime import timedelta

CASE_MANAGER_SET = "case_manager.assigned"
NEEDS_ASSESSED = "needs.assessed"
REFERRAL_MADE = "referral.made"
REFERRAL_STEP = "referral.status_changed"

# The 16 life domains of a needs assessment, in the order the page lists them.
NEED_DOMAINS = [
    "housing",
    "income_benefits",
    "food",
    "self_care",
    "physical_health",
    "mental_health",
    "substance_use",
    "safety",
    "daily_activities",
    "employment_education",
    "social_support",
    "family",
    "legal",
    "transport",
    "communication",
    "medication_access",
]
NO_NEED, MET, UNMET, UNKNOWN = "no_need", "met", "unmet", "unknown"
RATINGS = [NO_NEED, MET, UNMET, UNKNOWN]
RESIDENT, STAFF = "resident", "staff"
RATERS = [RESIDENT, STAFF]
NEEDS_REVIEW_AFTER = timedelta(days=90)

# A referral's life (API.md): draft → sent → accepted / waitlisted / declined; waitlisted → accepted / declined;
# sent, accepted, waitlisted → canceled; accepted → completed with an outcome.
DRAFT, SENT, ACCEPTED, WAITLISTED, DECLINED, CANCELED, COMPLETED = (
    "draft",
    "sent",
    "accepted",
    "waitlisted",
    "declined",
    "canceled",
    "completed",
)
STATUSES = [DRAFT, SENT, ACCEPTED, WAITLISTED, DECLINED, CANCELED, COMPLETED]
STEPS = [SENT, ACCEPTED, WAITLISTED, DECLINED, CANCELED, COMPLETED]  # what a status change may ask for
OPEN_STATUSES = [DRAFT, SENT, ACCEPTED, WAITLISTED]
OUTCOMES = ["need_met", "partly_met", "not_met"]

# A consent that lets the case manager share what a referral needs with an organisation.
REFERRAL_SCOPES = ["treatment_information", "full_record"]
CONSENT_KIND = "consent.recorded"  # daily care's consent record, read from the log (leaf domains import no other)

# A discharged resident stays on the case manager's caseload this long (follow-up after discharge).
CASELOAD_AFTER_DISCHARGE = timedelta(days=30)
ANSWER_STATUSES = [ACCEPTED, WAITLISTED, DECLINED]  # the organisation's answer to a sent referral
FINAL_STATUSES = [DECLINED, CANCELED, COMPLETED]

APPOINTMENT_BOOKED = "appointment.booked"
DISCHARGE_PLANNED = "discharge_plan.revised"
FOLLOWED_UP = "follow_up.recorded"
CHECKLIST = ["housing_confirmed", "medications_arranged", "crisis_plan_given", "family_informed"]
FOLLOW_UP_KINDS = ["appointment_kept", "contact_made", "no_contact"]
REACHED = ["appointment_kept", "contact_made"]  # follow-ups that count for the transitions report
# discharge_without_aftercare: a discharge this close with no aftercare appointment this soon after it.
DISCHARGE_WARNING = timedelta(days=2)
AFTERCARE_WITHIN = timedelta(days=7)
