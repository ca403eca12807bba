"""Every table, imported in one place for Alembic and the schema check."""

from facility.alerts.models import Alert
from facility.audit.models import AuditEntry
from facility.auth.models import User, user_units
from facility.care.models import Consent, Goal, Meal, Outing
from facility.census.models import Resident, Unit
from facility.db import Base
from facility.handoff.models import Handoff
from facility.incidents.models import Episode, EpisodeCheck, EpisodeOrder, Incident, IncidentAddendum, IncidentStep
from facility.medobs.models import DoseObservation, MedicationOrder
from facility.records.models import Event
from facility.rounds.models import PresenceCode, RoundAssignment

__all__ = [
    "Alert",
    "AuditEntry",
    "Base",
    "Consent",
    "Episode",
    "EpisodeCheck",
    "EpisodeOrder",
    "Event",
    "DoseObservation",
    "Goal",
    "Handoff",
    "Incident",
    "IncidentAddendum",
    "IncidentStep",
    "Meal",
    "MedicationOrder",
    "Outing",
    "PresenceCode",
    "Resident",
    "RoundAssignment",
    "Unit",
    "User",
    "user_units",
]
