"""Every table on one metadata, for Alembic and the schema check: the record's, then each listed domain's.

A domain's tables live in its package's `models.py` (`facility/<name>/models.py`); the list of domains in
`facility/domains.py` says which there are, so a new domain's tables are found without naming them here.
"""

from collections.abc import Iterable
from importlib import import_module
from importlib.util import find_spec

from facility.db import Base
from facility.domain import Domain
from facility.domains import DOMAINS
from facility.goals.models import Goal  # noqa: F401 (the one goal table: the plan owns it, daily care names it)
from facility.records.models import AuditEntry, Event  # noqa: F401 (the log and its audit trail belong to no domain)


def import_models(domains: Iterable[Domain]) -> None:
    """Import the models module of each domain that has one, putting its tables on `Base.metadata`."""
    for domain in domains:
        module = f"facility.{domain.name}.models"
        if find_spec(module) is not None:
            import_module(module)


import_models(DOMAINS)

__all__ = ["Base", "import_models"]
