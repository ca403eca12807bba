"""FHIR R4B: the CapabilityStatement and the bulk export; it reads what the domains stored."""

from facility.domain import Domain, Web
from facility.interop import bp, routes

DOMAIN = Domain(name="interop", web=Web(pages=bp))

__all__ = ["DOMAIN", "routes"]
