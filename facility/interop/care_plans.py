"""Mapping the clinical and case-management records to FHIR R4B: assessments (an Observation of the total, with its
LOINC code where one exists, and a QuestionnaireResponse of the answers), the treatment plan in force (a CarePlan
with its goals), and referrals (a ServiceRequest with a Task of where it stands).

Pure: rows in, dicts out. A session's process note is never read here, nor anything else of a session.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from facility.interop.codes import SYSTEM, words
from facility.interop.people import fhir_id, record_identifier, ref, when

LOINC = "http://loinc.org"
# The totals LOINC names, and the panels whose items the answers are (LOINC's PHQ-9 and GAD-7 panels).
TOTALS = {"phq9": "44261-6", "gad7": "70274-6"}
PANELS = {"phq9": f"{LOINC}/q/44249-1", "gad7": f"{LOINC}/q/69737-5"}
INSTRUMENT_NAMES = {"phq9": "PHQ-9 total score", "gad7": "GAD-7 total score", "bprs": "BPRS total score"}
# Where a referral stands, as a Task's status and a ServiceRequest's.
TASK_STATUS = {
    "draft": "draft",
    "sent": "requested",
    "accepted": "accepted",
    "waitlisted": "on-hold",
    "declined": "rejected",
    "canceled": "cancelled",
    "completed": "completed",
}
REQUEST_STATUS = {"draft": "draft", "declined": "revoked", "canceled": "revoked", "completed": "completed"}


def _total_code(instrument: str) -> dict[str, Any]:
    name = INSTRUMENT_NAMES.get(instrument, f"{instrument} total score")
    if instrument in TOTALS:
        return {"coding": [{"system": LOINC, "code": TOTALS[instrument], "display": name}], "text": name}
    return {"coding": [{"system": SYSTEM, "code": f"instrument-total.{instrument}", "display": name}], "text": name}


def assessment_observation(row: Any, zone: ZoneInfo) -> dict[str, Any]:
    """An assessment's total (its band as the interpretation); an incomplete one says it has no score, and why."""
    found: dict[str, Any] = {
        "resourceType": "Observation",
        "id": fhir_id("assessment", row.id),
        "identifier": record_identifier(row.uid),
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "survey",
                        "display": "Survey",
                    }
                ]
            }
        ],
        "code": _total_code(row.instrument),
        "subject": ref("Patient", row.resident_id),
        "encounter": ref("Encounter", row.resident_id),
        "effectiveDateTime": when(row.occurred_at, zone),
        "performer": [ref("Practitioner", row.administered_by_id)],
        "derivedFrom": [ref("QuestionnaireResponse", fhir_id("assessment", row.id))],
    }
    if row.total is None:
        found["dataAbsentReason"] = {"text": f"not scored: {row.incomplete_reason or 'incomplete'}"}
    else:
        found["valueInteger"] = row.total
        if row.band:
            found["interpretation"] = [{"text": words(row.band)}]
    return found


def questionnaire_response(row: Any, zone: ZoneInfo) -> dict[str, Any]:
    """The answers of an assessment, item by item, as given."""
    items = [
        {"linkId": str(number), "answer": [{"valueInteger": int(value)}]}
        for number, value in sorted(row.answers.items(), key=lambda pair: int(pair[0]))
        if value is not None
    ]
    found: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": fhir_id("assessment", row.id),
        "identifier": record_identifier(row.uid)[0],  # one identifier (0..1) in R4B
        "questionnaire": PANELS.get(row.instrument, f"{SYSTEM}/Questionnaire/{row.instrument}"),
        "status": "completed" if row.status == "complete" else "in-progress",
        "subject": ref("Patient", row.resident_id),
        "encounter": ref("Encounter", row.resident_id),
        "authored": when(row.occurred_at, zone),
        "author": ref("Practitioner", row.administered_by_id),
    }
    if items:
        found["item"] = items
    return found


def plan_goal(item: Any, plan: Any, zone: ZoneInfo) -> dict[str, Any]:
    """A goal of the treatment plan in force, in the resident's words."""
    found: dict[str, Any] = {
        "resourceType": "Goal",
        "id": fhir_id("plan-goal", item.id),
        "lifecycleStatus": "active",
        "description": {"text": item.text},
        "subject": ref("Patient", item.resident_id),
        "startDate": plan.written_at.astimezone(zone).date().isoformat(),
        "expressedBy": ref("Patient", item.resident_id),
    }
    if item.target_date is not None:
        found["target"] = [{"dueDate": item.target_date.isoformat()}]
    return found


def care_plan(plan: Any, goal_ids: list[int], zone: ZoneInfo) -> dict[str, Any]:
    """The treatment plan in force: signed, its goals, its problems as its description."""
    problems = [problem.get("text") for problem in (plan.content or {}).get("problems", []) if problem.get("text")]
    found: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": fhir_id("plan", plan.id),
        "identifier": record_identifier(plan.uid),
        "status": "active",
        "intent": "plan",
        "title": f"Treatment plan, version {plan.version}",
        "subject": ref("Patient", plan.resident_id),
        "encounter": ref("Encounter", plan.resident_id),
        "created": when(plan.written_at, zone),
        "author": ref("Practitioner", plan.author_id),
    }
    if problems:
        found["description"] = "Problems: " + "; ".join(problems)
    if goal_ids:
        found["goal"] = [ref("Goal", fhir_id("plan-goal", goal_id)) for goal_id in goal_ids]
    return found


def service_request(referral: Any, resource_name: str, zone: ZoneInfo) -> dict[str, Any]:
    """A referral to a community organisation, for a need, made by a member of staff."""
    return {
        "resourceType": "ServiceRequest",
        "id": fhir_id("referral", referral.id),
        "identifier": record_identifier(referral.uid),
        "status": REQUEST_STATUS.get(referral.status, "active"),
        "intent": "order",
        "code": {"text": f"Referral for {words(referral.need)}"},
        "subject": ref("Patient", referral.resident_id),
        "authoredOn": when(referral.made_at, zone),
        "requester": ref("Practitioner", referral.made_by_id),
        "performer": [{"display": resource_name}],
        "reasonCode": [{"text": referral.reason}],
    }


def task(referral: Any, zone: ZoneInfo) -> dict[str, Any]:
    """Where a referral stands: the loop a receiving system reads (sent, accepted, completed with its outcome)."""
    last = referral.closed_at or referral.answered_at or referral.sent_at or referral.made_at
    found: dict[str, Any] = {
        "resourceType": "Task",
        "id": fhir_id("referral", referral.id),
        "status": TASK_STATUS.get(referral.status, "requested"),
        "intent": "order",
        "focus": ref("ServiceRequest", fhir_id("referral", referral.id)),
        "for": ref("Patient", referral.resident_id),
        "authoredOn": when(referral.made_at, zone),
        "lastModified": when(last, zone),
        "requester": ref("Practitioner", referral.made_by_id),
    }
    if referral.outcome:
        found["statusReason"] = {"text": f"outcome: {words(referral.outcome)}"}
    return found
