"""The record itself as a domain: the log's API and the kinds of its corrections."""

from facility.domain import Domain, Kind, Web
from facility.records.codes import AMENDED, VOIDED
from facility.records.routes import blp
from facility.records.schemas import AmendedData, VoidedData

DOMAIN = Domain(
    name="records",
    web=Web(api=(blp,)),
    # A correction is dispatched as the effective record of the kind it corrects, not as itself.
    kinds=(Kind(AMENDED, AmendedData, (), correctable=False), Kind(VOIDED, VoidedData, (), correctable=False)),
)
