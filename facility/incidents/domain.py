"""Incidents declare themselves: reports and their workflow, episodes and their clocks, handoff sections, HBIPS."""

from facility.domain import AboutResident, Domain, HandoffSection, Kind, NavEntry, Report, SyncType, Web
from facility.incidents import codes, demo, describe, handlers, handoff, pages, rebuild, services, timeline
from facility.incidents.routes import blp
from facility.incidents.schemas import IncidentIn
from facility.incidents.schemas.data import (
    AddendumData,
    DraftData,
    EndedData,
    EpisodeOpenedData,
    EpisodeStartedData,
    FaceToFaceData,
    LinkedData,
    MandatedReportData,
    MonitoredData,
    OrderedData,
    RenewedData,
    StepData,
    SubmittedData,
)

# A submitted report never changes and an episode's times are its legal record: both change by new records
# (addenda, renewals, the end), never by amending or voiding an event.
DOMAIN = Domain(
    name="incidents",
    projections=(rebuild.PROJECTION,),
    kinds=(
        Kind(codes.DRAFTED, DraftData, (handlers.on_drafted,), correctable=False, describe=describe.drafted),
        Kind(
            codes.DRAFT_EDITED,
            DraftData,
            (handlers.on_draft_edited,),
            correctable=False,
            describe=describe.draft_edited,
        ),
        Kind(codes.SUBMITTED, SubmittedData, (handlers.on_submitted,), correctable=False, describe=describe.submitted),
        Kind(codes.REVIEWED, StepData, (handlers.on_reviewed,), correctable=False, describe=describe.reviewed),
        Kind(codes.CLOSED, StepData, (handlers.on_closed,), correctable=False, describe=describe.closed),
        Kind(codes.ADDENDUM, AddendumData, (handlers.on_addendum,), correctable=False, describe=describe.addendum),
        Kind(
            codes.MANDATED_REPORT,
            MandatedReportData,
            (handlers.on_mandated_report,),
            correctable=False,
            describe=describe.mandated_report,
        ),
        Kind(
            codes.EPISODE_STARTED,
            EpisodeStartedData,
            (handlers.on_episode_started,),
            correctable=False,
            describe=describe.episode_started,
        ),
        Kind(
            codes.EPISODE_OPENED,
            EpisodeOpenedData,
            (handlers.on_episode_opened,),
            correctable=False,
            describe=describe.episode_opened,
        ),
        Kind(codes.ORDERED, OrderedData, (handlers.on_ordered,), correctable=False, describe=describe.ordered),
        Kind(codes.EPISODE_LINKED, LinkedData, (handlers.on_linked,), correctable=False, describe=describe.linked),
        Kind(codes.MONITORED, MonitoredData, (handlers.on_monitored,), correctable=False, describe=describe.monitored),
        Kind(
            codes.FACE_TO_FACE,
            FaceToFaceData,
            (handlers.on_face_to_face,),
            correctable=False,
            describe=describe.face_to_face,
        ),
        Kind(codes.RENEWED, RenewedData, (handlers.on_renewed,), correctable=False, describe=describe.renewed),
        Kind(codes.ENDED, EndedData, (handlers.on_ended,), correctable=False, describe=describe.ended),
    ),
    time_rules=(handlers.sweep_episodes, handlers.sweep_mandated_reports),
    handoff=(
        HandoffSection("incidents", handoff.incidents, "incidents/_handoff.html", handoff.gather_incidents),
        HandoffSection("episodes", handoff.episodes, "incidents/_handoff_episodes.html", handoff.gather_episodes),
    ),
    web=Web(
        api=(blp,),
        pages=pages.bp,
        nav=(NavEntry("incidents", "incidents_pages.incidents_page", "incidents.file", per_unit=True),),
        reports=(Report("HBIPS restraint & seclusion", "incidents_pages.hbips_report_page", "reports.hbips"),),
        sync=(SyncType(codes.SYNC_TYPE, IncidentIn, services.file_incident),),
    ),
    resident=AboutResident(timeline=timeline.entries),
    demo=demo.load,
)
