"""Clinical work declares itself: assessments with their alarm, the handoff's section, the scores on the resident
page, the caseload page."""

from facility.clinical import demo, describe, handlers, handoff, pages, rebuild, services, timeline
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
        # An administration is scored when stored: a mistaken one is followed by a new administration, not
        # rewritten (an amended answer would leave its total, band and alarm behind).
        Kind(ASSESSED, AssessmentData, (handlers.on_assessed,), correctable=False, describe=describe.assessed),
        # A session note is changed by its author before signing through a new note, never amended: a signed
        # note stands as signed.
        Kind(SESSION, TherapySessionData, (handlers.on_session,), correctable=False, describe=describe.session),
        Kind(SIGNED, SignatureData, (handlers.on_signed,), correctable=False, describe=describe.signed),
        Kind(COSIGNED, SignatureData, (handlers.on_cosigned,), correctable=False, describe=describe.cosigned),
        # A plan's versions are append-only: a change is a new version, signed in its turn.
        Kind(PLAN_WRITTEN, PlanData, (handlers.on_plan_written,), correctable=False, describe=describe.plan_written),
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
