"""The census declares itself: units and residents, their events, and the handoff's census section."""

from facility.alerts.handlers import clear_on_discharge
from facility.census import describe, handlers, handoff, rebuild
from facility.census.codes import ADMITTED, DISCHARGED, LEVEL_CHANGED, TRANSFERRED
from facility.census.routes import blp
from facility.census.schemas import AdmittedData, DischargedData, LevelChangedData, TransferredData
from facility.domain import Domain, HandoffSection, Kind, Web

DOMAIN = Domain(
    name="census",
    projections=(rebuild.PROJECTION,),
    web=Web(api=(blp,)),
    # Admissions, transfers and discharges are changed by a new census event, not a correction; a level
    # change entered in error may be voided or amended, and the resident's level follows what is in force.
    kinds=(
        Kind(ADMITTED, AdmittedData, (), correctable=False, describe=describe.admitted),
        # A discharged resident leaves the unit: their open alerts no longer call for anyone.
        Kind(DISCHARGED, DischargedData, (clear_on_discharge,), correctable=False, describe=describe.discharged),
        Kind(TRANSFERRED, TransferredData, (), correctable=False, describe=describe.transferred),
        Kind(
            LEVEL_CHANGED, LevelChangedData, (), on_corrected=(handlers.project_level,), describe=describe.level_changed
        ),
    ),
    handoff=(HandoffSection("census", handoff.census, "census/_handoff.html"),),
)
