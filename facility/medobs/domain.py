"""Medication observations declare themselves: orders, stops, observations, follow-ups, their alerts and sweeps."""

from facility.domain import AboutResident, Detail, Domain, HandoffSection, Kind, NavEntry, SyncType, Web
from facility.medobs import demo, describe, handlers, handoff, pages, rebuild, services
from facility.medobs.codes import FOLLOWUP, FOLLOWUP_SYNC_TYPE, OBSERVED, ORDERED, STOPPED, SYNC_TYPE
from facility.medobs.routes import blp
from facility.medobs.schemas import FollowupData, FollowupIn, ObservationData, ObservationIn, OrderData, StopData

DOMAIN = Domain(
    name="medobs",
    projections=(rebuild.PROJECTION,),
    kinds=(
        Kind(
            ORDERED, OrderData, (handlers.on_ordered,), on_corrected=(handlers.on_ordered,), describe=describe.ordered
        ),
        Kind(
            STOPPED,
            StopData,
            (handlers.on_stopped,),
            on_corrected=(handlers.on_stopped,),
            describe=describe.stopped,
            describe_with=handlers.describe_stopped,
        ),
        Kind(
            OBSERVED,
            ObservationData,
            (handlers.on_observed,),
            on_corrected=(handlers.on_observation_corrected,),
            describe=describe.observed,
            describe_with=handlers.describe_observed,
        ),
        Kind(
            FOLLOWUP,
            FollowupData,
            (handlers.on_followup,),
            on_corrected=(handlers.on_followup_corrected,),
            describe=describe.followup,
        ),
    ),
    time_rules=(handlers.sweep_missed, handlers.sweep_followups),
    handoff=(HandoffSection("medication", handoff.medication, "medobs/_handoff.html", handoff.gather),),
    web=Web(
        api=(blp,),
        pages=pages.bp,
        nav=(NavEntry("med pass", "medobs_pages.med_pass_page", "medications.pass", per_unit=True),),
        sync=(
            SyncType(SYNC_TYPE, ObservationIn, services.observe_dose),
            SyncType(FOLLOWUP_SYNC_TYPE, FollowupIn, services.record_followup),
        ),
    ),
    resident=AboutResident(
        details=(Detail("orders", services.orders_shown, "Medication orders", "medobs/_resident_orders.html"),),
    ),
    demo=demo.load,
)
