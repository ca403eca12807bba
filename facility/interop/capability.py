"""The server's CapabilityStatement (R4B): the bulk export operations and the facility's code system."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from facility.interop.codes import SYSTEM, code_system

BULK = "http://hl7.org/fhir/uv/bulkdata"

# What an export can hold, in the order the files are listed in a manifest.
RESOURCE_TYPES = (
    "Patient",
    "Encounter",
    "Observation",
    "MedicationRequest",
    "MedicationAdministration",
    "Procedure",
    "AdverseEvent",
    "QuestionnaireResponse",
    "Goal",
    "CarePlan",
    "ServiceRequest",
    "Task",
    "Consent",
    "RelatedPerson",
    "Flag",
    "Practitioner",
    "Location",
    "Group",
)


def capability_statement(base_url: str, published: datetime) -> dict[str, Any]:
    """The CapabilityStatement of this server at base_url (…/fhir), dated `published`."""
    return {
        "resourceType": "CapabilityStatement",
        "id": "facility",
        "status": "active",
        "date": published.isoformat(),
        "publisher": "facility",
        "kind": "instance",
        "instantiates": [f"{BULK}/CapabilityStatement/bulk-data"],
        "software": {"name": "facility"},
        "implementation": {"description": "facility: shift and observation logger", "url": base_url},
        "fhirVersion": "4.3.0",
        "format": ["application/fhir+json", "application/fhir+ndjson"],
        "contained": [code_system()],
        "rest": [
            {
                "mode": "server",
                "documentation": (
                    f"Bulk export (FHIR Bulk Data Access) of the caller's units. Codes that no standard "
                    f"terminology has come from the facility's own code system {SYSTEM} (contained here as "
                    f"#facility and served at {base_url}/CodeSystem/facility): rounds check states and "
                    f"locations, observation levels, ADL activities and support. A process note is never exported."
                ),
                "security": {
                    "description": (
                        "A Bearer token scoped to units and to fhir.export, or the session of an admin or a lead. "
                        "Status and file URLs answer only the caller who started the export."
                    )
                },
                "resource": [
                    {"type": "CodeSystem", "interaction": [{"code": "read"}]},
                    *({"type": name} for name in RESOURCE_TYPES),
                ],
                "operation": [
                    {
                        "name": "export",
                        "definition": f"{BULK}/OperationDefinition/export",
                        "documentation": "GET [base]/$export: every resident of the caller's units",
                    },
                    {
                        "name": "patient-export",
                        "definition": f"{BULK}/OperationDefinition/patient-export",
                        "documentation": "GET [base]/Patient/$export: the residents of the caller's units",
                    },
                    {
                        "name": "group-export",
                        "definition": f"{BULK}/OperationDefinition/group-export",
                        "documentation": "GET [base]/Group/{unit id}/$export: the residents of one unit",
                    },
                ],
            }
        ],
    }
