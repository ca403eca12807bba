"""FHIR answers: resources as application/fhir+json, and every error under /fhir/ as an OperationOutcome."""

from __future__ import annotations

import json
from typing import Any

from flask import Response, request

FHIR_JSON = "application/fhir+json"
NDJSON = "application/fhir+ndjson"

# The OperationOutcome issue type of each HTTP status (http://hl7.org/fhir/issue-type).
ISSUE_TYPES = {
    400: "invalid",
    401: "login",
    403: "forbidden",
    404: "not-found",
    405: "not-supported",
    409: "conflict",
    413: "too-costly",
    422: "invalid",
    429: "throttled",
    503: "transient",
}


def outcome(severity: str, code: str, message: str, parameters: list[str] | None = None) -> dict[str, Any]:
    """An OperationOutcome of one issue; `parameters` names what is at fault."""
    issue: dict[str, Any] = {"severity": severity, "code": code, "diagnostics": message}
    if parameters:
        issue["expression"] = parameters
    return {"resourceType": "OperationOutcome", "issue": [issue]}


def fhir_answer(resource: dict[str, Any], status: int = 200) -> Response:
    """A resource as the answer, in FHIR's JSON media type."""
    return Response(json.dumps(resource), status=status, mimetype=FHIR_JSON)


def as_operation_outcome(response: Response) -> Response:
    """An error answered under /fhir/ in the API's JSON shape, said again as an OperationOutcome."""
    if not request.path.startswith("/fhir/") or response.status_code < 400 or response.mimetype != "application/json":
        return response
    body = response.get_json(silent=True)
    if not isinstance(body, dict) or "message" not in body:
        return response
    errors = body.get("errors")
    parameters = sorted(errors) if isinstance(errors, dict) else None
    code = ISSUE_TYPES.get(response.status_code, "exception")
    response.set_data(json.dumps(outcome("error", code, str(body["message"]), parameters)))
    response.mimetype = FHIR_JSON
    return response
