"""Offline batches: the sync API; its record types come from the other domains' declarations."""

from facility.domain import Domain, Web
from facility.sync.routes import blp

DOMAIN = Domain(name="sync", web=Web(api=(blp,)))
