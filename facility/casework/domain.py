"""Case management declares itself: its records, their handlers, the stale-referral and needs-review sweeps."""

from facility.casework import blp, caseload, demo, describe, floor, handlers, handoff, pages, rebuild, routes  # noqa: F401 (routes: the API's views on blp)
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
    # A referral moves by its steps (a wrong step is 409) and a case manager by a new assignment, never corrected;
    # an assessment, an appointment, a plan's revision and a follow-up entered wrong are amended or voided.
    kinds=(
        Kind(
            CASE_MANAGER_SET,
            CaseManagerData,
            (handlers.on_case_manager,),
            correctable=False,
            describe=describe.case_manager,
        ),
        Kind(
            NEEDS_ASSESSED, NeedsData, (handlers.on_needs,), on_corrected=(handlers.on_needs,), describe=describe.needs
        ),
        Kind(REFERRAL_MADE, ReferralData, (handlers.on_referral_made,), correctable=False, describe=describe.referral),
        Kind(REFERRAL_STEP, ReferralStepData, (handlers.on_referral_step,), correctable=False, describe=describe.step),
        Kind(
            APPOINTMENT_BOOKED,
            AppointmentData,
            (handlers.on_appointment,),
            on_corrected=(handlers.on_appointment,),
            describe=describe.appointment,
        ),
        Kind(
            DISCHARGE_PLANNED,
            DischargePlanData,
            (handlers.on_discharge_plan,),
            on_corrected=(handlers.on_discharge_plan,),
            describe=describe.discharge_plan,
        ),
        Kind(
            FOLLOWED_UP,
            FollowUpData,
            (handlers.on_follow_up,),
            on_corrected=(handlers.on_follow_up,),
            describe=describe.follow_up,
        ),
    ),
    # Signing a resident out for an appointment (care's outing naming it) marks it left for.
    reactions={handlers.OUTING_SIGNED_OUT: (handlers.on_outing,)},
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
        details=(Detail("case", caseload.case_summary, "Case management", "casework/_resident_case.html"),),
        day=floor.day,
    ),
    demo=demo.load,
    projections=(rebuild.PROJECTION,),
)
