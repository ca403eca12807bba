"""Daily care declares itself: its records, their alerts and sweep, sync types, absences, goals in the detail."""

from facility.care import demo, describe, handlers, handoff, outings, pages, rebuild, services
from facility.care.codes import (
    ADL,
    ATTENDED,
    CONSENT,
    CONTACT,
    GOAL,
    GROUP,
    NOTE,
    RETURNED,
    SIGNED_OUT,
    SYNC_ADL,
    SYNC_CONTACT,
    SYNC_GROUP,
    SYNC_NOTE,
    SYNC_OUTING,
    SYNC_RETURN,
)
from facility.care.routes import blp
from facility.care.schemas import (
    AdlData,
    AdlIn,
    AttendanceData,
    ConsentData,
    ContactData,
    ContactIn,
    GoalData,
    GroupData,
    GroupIn,
    OutingData,
    OutingIn,
    ProgressNoteData,
    ProgressNoteIn,
    ReturnData,
    ReturnSyncIn,
)
from facility.domain import AboutResident, Detail, Domain, HandoffSection, Kind, NavEntry, SyncType, Web

DOMAIN = Domain(
    name="care",
    projections=(rebuild.PROJECTION,),
    kinds=(
        Kind(ADL, AdlData, (handlers.on_adl,), on_corrected=(handlers.on_adl_corrected,), describe=describe.adl),
        Kind(NOTE, ProgressNoteData, (), describe=describe.note),
        Kind(GOAL, GoalData, (handlers.on_goal,), on_corrected=(handlers.on_goal,), describe=describe.goal),
        # A group is a fact of the unit; what is corrected is each attendee's own record of it.
        Kind(GROUP, GroupData, (), correctable=False, describe=describe.group),
        Kind(ATTENDED, AttendanceData, (), describe=describe.attended),
        Kind(
            SIGNED_OUT,
            OutingData,
            (handlers.on_signed_out,),
            on_corrected=(handlers.on_signed_out,),
            describe=describe.signed_out,
            # The appointment a sign-out was for was checked as the resident's of that day: it stands as recorded.
            protected=("appointment_uid",),
        ),
        Kind(
            RETURNED,
            ReturnData,
            (handlers.on_returned,),
            on_corrected=(handlers.on_return_corrected,),
            describe=describe.returned,
        ),
        Kind(
            CONSENT, ConsentData, (handlers.on_consent,), on_corrected=(handlers.on_consent,), describe=describe.consent
        ),
        # Whom a contact was with stands as recorded (its consent was checked for that person): a contact with
        # someone else is a new record, checked against its own consent.
        Kind(CONTACT, ContactData, (), describe=describe.contact, protected=("contact_name", "consent_uid")),
    ),
    time_rules=(handlers.sweep_returns,),
    handoff=(HandoffSection("care", handoff.care, "care/_handoff.html", handoff.gather),),
    web=Web(
        api=(blp,),
        pages=pages.bp,
        nav=(NavEntry("care", "care_pages.care_page", "care.note.write", per_unit=True),),
        sync=(
            SyncType(SYNC_ADL, AdlIn, services.record_adl),
            SyncType(SYNC_NOTE, ProgressNoteIn, services.write_note),
            SyncType(SYNC_GROUP, GroupIn, outings.record_group),
            SyncType(SYNC_OUTING, OutingIn, outings.sign_out),
            SyncType(SYNC_RETURN, ReturnSyncIn, outings.sign_in),
            SyncType(SYNC_CONTACT, ContactIn, services.record_contact),
        ),
    ),
    resident=AboutResident(
        details=(Detail("goals", services.goals_shown, "Goals and progress notes", "care/_resident_goals.html"),),
        absences=handlers.absences,
    ),
    demo=demo.load,
)
