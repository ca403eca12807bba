"""Case management declares itself: its records, their handlers, the stale-referral and needs-review sweeps."""

from facility.casework import blp, caseload, demo, describe, handlers, handoff, pages, rebuild, routes  # noqa: F401 (routes: the API's views on blp)
from facility.casework.codes import (
    APPOINTMENT_BOOKED,
    CASE_MANAGER_SET,
    DISCHARGE_PLANNED,
    FOLLOWED_UP,
    NEEDS_ASSESSED,
    REFERRAL_MADE,
    REFERRAL_STEP,
)
from facility.casework.schemas import (
    AppointmentData,
    CaseManagerData,
    DischargePlanData,
    FollowUpData,
    NeedsData,
    ReferralData,
    ReferralStepData,
)
from facility.domain import AboutResident, Detail, Domain, HandoffSection, Kind, NavEntry, Report, Web

DOMAIN = Domain(
    name="casework",
    # Each is changed by a new record, never amended in place: a new assessment, a new step, a new assignment.
    kinds=(
        Kind(
            CASE_MANAGER_SET,
            CaseManagerData,
            (handlers.on_case_manager,),
            correctable=False,
            describe=describe.case_manager,
        ),
        Kind(NEEDS_ASSESSED, NeedsData, (handlers.on_needs,), correctable=False, describe=describe.needs),
        Kind(REFERRAL_MADE, ReferralData, (handlers.on_referral_made,), correctable=False, describe=describe.referral),
        Kind(REFERRAL_STEP, ReferralStepData, (handlers.on_referral_step,), correctable=False, describe=describe.step),
        Kind(
            APPOINTMENT_BOOKED,
            AppointmentData,
            (handlers.on_appointment,),
            correctable=False,
            describe=describe.appointment,
        ),
        Kind(
            DISCHARGE_PLANNED,
            DischargePlanData,
            (handlers.on_discharge_plan,),
            correctable=False,
            describe=describe.discharge_plan,
        ),
        Kind(FOLLOWED_UP, FollowUpData, (handlers.on_follow_up,), correctable=False, describe=describe.follow_up),
    ),
    time_rules=(handlers.sweep_stale_referrals, handlers.sweep_needs_reviews, handlers.sweep_aftercare),
    handoff=(HandoffSection("casework", handoff.appointments, "casework/_handoff.html", handoff.gather),),
    web=Web(
        api=(blp,),
        pages=pages.bp,
        nav=(NavEntry("casework", "casework_pages.caseload_page", "casework.caseload.read", start=True),),
        reports=(
            Report("transitions: aftercare and follow-up", "casework_pages.transitions_page", "reports.transitions"),
        ),
    ),
    resident=AboutResident(
        details=(Detail("case", caseload.case_summary, "Case management", "casework/_resident_case.html"),)
    ),
    demo=demo.load,
    projections=(rebuild.PROJECTION,),
)
