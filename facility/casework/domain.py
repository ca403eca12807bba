"""Case management declares itself: its records, their handlers, the stale-referral and needs-review sweeps."""

from facility.casework import blp, demo, describe, handlers, pages, routes  # noqa: F401 (routes: the API's views on blp)
from facility.casework.codes import CASE_MANAGER_SET, NEEDS_ASSESSED, REFERRAL_MADE, REFERRAL_STEP
from facility.casework.schemas import CaseManagerData, NeedsData, ReferralData, ReferralStepData
from facility.domain import Domain, Kind, NavEntry, Web

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
    ),
    time_rules=(handlers.sweep_stale_referrals, handlers.sweep_needs_reviews),
    web=Web(
        api=(blp,),
        pages=pages.bp,
        nav=(NavEntry("caseload", "casework_pages.caseload_page", "casework.caseload.read", start=True),),
    ),
    demo=demo.load,
)
