"""FHIR R4B: the CapabilityStatement and the bulk export of a unit's record (the Bulk Data Access pattern)."""

from flask import Blueprint

bp = Blueprint("interop", __name__, url_prefix="/fhir")
