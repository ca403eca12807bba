"""The FHIR endpoints: the CapabilityStatement, the code system, and the bulk export's kick-off, status and files."""

from __future__ import annotations

import json
from typing import Any

from flask import Response, current_app, request, url_for

from facility import clock
from facility.db import write_intent
from facility.extensions import db
from facility.http import actor, committed
from facility.interop import bp, jobs, services
from facility.interop.capability import capability_statement
from facility.interop.codes import code_system
from facility.interop.models import DONE, RUNNING
from facility.interop.outcome import NDJSON, as_operation_outcome, fhir_answer, outcome
from facility.permissions import permits, public

# Errors under /fhir/ (a refused role, a bad parameter, an unknown path) are answered as OperationOutcomes.
bp.after_app_request(as_operation_outcome)


@bp.route("/metadata", methods=["GET"])
@public
def metadata():
    """The server's CapabilityStatement (R4B): the export operations and the facility's code system."""
    base = url_for("interop.metadata", _external=True).rsplit("/", 1)[0]
    return fhir_answer(capability_statement(base, clock.now()))


@bp.route("/CodeSystem/facility", methods=["GET"])
@public
def facility_codes():
    """The facility's own code system (rounds, levels, ADL, precautions …)."""
    return fhir_answer(code_system())


def _kick_off(level: str, unit_id: int | None = None) -> Response:
    wanted = services.read_request(request.headers.get("Prefer"), request.args.to_dict())
    db.session.commit()  # end the read that loaded the caller: the job is written in a transaction of its own
    with write_intent(True):
        job = services.kick_off(db.session, actor(), level, wanted, request.url, clock.now(), unit_id)
        db.session.commit()
    jobs.start(current_app._get_current_object(), job.id)
    answer = fhir_answer(outcome("information", "informational", "export started"), 202)
    answer.headers["Content-Location"] = url_for("interop.export_status", job_id=job.id, _external=True)
    return answer


@bp.route("/$export", methods=["GET"])
@permits("fhir.export")
def system_export():
    """Kick off an export of every resident of the caller's units."""
    return _kick_off(services.SYSTEM)


@bp.route("/Patient/$export", methods=["GET"])
@permits("fhir.export")
def patient_export():
    """Kick off an export of the residents of the caller's units."""
    return _kick_off(services.PATIENT)


@bp.route("/Group/<int:unit_id>/$export", methods=["GET"])
@permits("fhir.export")
def group_export(unit_id: int):
    """Kick off an export of one unit's residents (a unit of the caller's; another is 404)."""
    return _kick_off(services.GROUP, unit_id)


def _manifest(job: Any) -> dict[str, Any]:
    files = services.files_of(db.session, job)
    return {
        "transactionTime": job.transaction_time.isoformat(),
        "request": job.request_url,
        "requiresAccessToken": True,
        "output": [
            {
                "type": row.resource_type,
                "url": url_for("interop.export_file", job_id=job.id, file_id=row.id, _external=True),
                "count": row.count,
            }
            for row in files
        ],
        "error": [],
    }


@bp.route("/bulk/<string(length=32):job_id>", methods=["GET"])
@permits("fhir.export")
@committed
def export_status(job_id: str):
    """202 with X-Progress while the export runs; then its manifest (or an OperationOutcome if it failed)."""
    job = services.job_of(db.session, actor(), job_id)
    if services.stalled(job, clock.now()):
        message = "the export stopped without finishing (the server restarted): start it again"
        return fhir_answer(outcome("error", "incomplete", message), 500)
    if job.state == RUNNING:
        answer = Response(status=202)
        answer.headers["X-Progress"] = job.progress
        answer.headers["Retry-After"] = "2"
        return answer
    if job.state == DONE:
        return Response(json.dumps(_manifest(job)), status=200, mimetype="application/json")
    return fhir_answer(outcome("error", "exception", job.error or "the export failed"), 500)


@bp.route("/bulk/<string(length=32):job_id>", methods=["DELETE"])
@permits("fhir.export")
@committed
def cancel_export(job_id: str):
    """Cancel the caller's export: 202; its status answers 404 from then on."""
    services.cancel(db.session, actor(), job_id)
    return fhir_answer(outcome("information", "informational", "export cancelled"), 202)


@bp.route("/bulk/<string(length=32):job_id>/files/<int:file_id>.ndjson", methods=["GET"])
@permits("fhir.export")
@committed
def export_file(job_id: str, file_id: int):
    """One NDJSON file of a finished export: one resource a line."""
    row = services.export_file(db.session, actor(), job_id, file_id)
    return Response(row.body, status=200, mimetype=NDJSON)
