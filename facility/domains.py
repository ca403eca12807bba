"""The list of domains the app is made of. Adding a domain is a package and one line here.

The order is the order of the handoff's sections and of the header's links.
"""

from facility.admin.domain import DOMAIN as admin
from facility.alerts.domain import DOMAIN as alerts
from facility.auth.domain import DOMAIN as auth
from facility.board.domain import DOMAIN as board
from facility.care.domain import DOMAIN as care
from facility.casework.domain import DOMAIN as casework
from facility.census.domain import DOMAIN as census
from facility.clinical.domain import DOMAIN as clinical
from facility.handoff.domain import DOMAIN as handoff
from facility.incidents.domain import DOMAIN as incidents
from facility.interop.domain import DOMAIN as interop
from facility.medobs.domain import DOMAIN as medobs
from facility.records.domain import DOMAIN as records
from facility.rounds.domain import DOMAIN as rounds
from facility.sync.domain import DOMAIN as sync

DOMAINS = [
    auth,
    records,
    census,
    rounds,
    medobs,
    incidents,
    care,
    clinical,
    casework,
    alerts,
    board,
    handoff,
    sync,
    admin,
    interop,
]
