"""Clinical work declares itself: assessments with their alarm, the handoff's section, the scores on the resident
page, the caseload page."""

from facility.clinical import demo, describe, handlers, handoff, pages, plans, rebuild, services, sessions, timeline
from facility.clinical.codes import ASSESSED, COSIGNED, PLAN_SIGNED, PLAN_WRITTEN, SESSION, SIGNED, SYNC_ASSESSMENT
from facility.clinical.routes import blp
from facility.clinical.schemas import (
    AssessmentData,
    AssessmentSyncIn,
    PlanData,
    PlanSignatureData,
    SignatureData,
    TherapySessionData,
)
from facility.domain import AboutResident, Detail, Domain, HandoffSection, Kind, NavEntry, SyncType, Web

DOMAIN = Domain(
    name="clinical",
    # The plan owns the one goal table: its goals and those set from the floor (daily care's goal.set).
    projections=(rebuild.PROJECTION,),
    kinds=(
        # An administration is scored when stored; an amendment (its answers, who answered, why items were left out)
        # is scored again by the server and its alarms raised or resolved again; a void (given to the wrong
        # resident) takes it out of every list. Its author corrects it, or a clinician.
        Kind(
            ASSESSED,
            AssessmentData,
            (handlers.on_assessed,),
            on_corrected=(handlers.on_assessment_corrected,),
            describe=describe.assessed,
            protected=services.SCORED,
            may_correct=services.may_correct_assessment,
            rederive=services.rescore,
        ),
        # A session note is its author's to amend, before or after signing (who was in the session stays as
        # recorded), or to void; its process note is rewritten beside the record, never through an amendment.
        Kind(
            SESSION,
            TherapySessionData,
            (handlers.on_session,),
            on_corrected=(handlers.on_session_corrected,),
            describe=describe.session,
            protected=("resident_ids",),
            may_correct=sessions.may_correct,
            rederive=sessions.rederive,
        ),
        Kind(SIGNED, SignatureData, (handlers.on_signed,), correctable=False, describe=describe.signed),
        Kind(COSIGNED, SignatureData, (handlers.on_cosigned,), correctable=False, describe=describe.cosigned),
        # A plan's versions are append-only: a change is a new version, signed in its turn; a draft written in error
        # may be voided by its author, a signed version never.
        Kind(
            PLAN_WRITTEN,
            PlanData,
            (handlers.on_plan_written,),
            on_corrected=(handlers.on_plan_corrected,),
            describe=describe.plan_written,
            may_correct=plans.may_correct,
        ),
        Kind(
            PLAN_SIGNED, PlanSignatureData, (handlers.on_plan_signed,), correctable=False, describe=describe.plan_signed
        ),
    ),
    time_rules=(handlers.sweep_unsigned, handlers.sweep_plan_reviews),
    handoff=(HandoffSection("clinical", handoff.clinical, "clinical/_handoff.html", handoff.gather),),
    web=Web(
        api=(blp,),
        pages=pages.bp,
        nav=(NavEntry("caseload", "clinical_pages.caseload_page", "clinical.caseload", start=True),),
        sync=(SyncType(SYNC_ASSESSMENT, AssessmentSyncIn, services.administer),),
    ),
    demo=demo.load,
    resident=AboutResident(
        details=(
            Detail(
                "assessments",
                services.scores_shown,
                "Assessments and safety",
                "clinical/_resident_scores.html",
                first=True,  # a positive safety screen is the first thing staff see
            ),
        ),
        timeline=timeline.sessions_on_timeline,
    ),
)
