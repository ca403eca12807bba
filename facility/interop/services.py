"""The bulk export's use cases: kick-off, status, cancel, a file; and the reading of its parameters.

Everything is scoped to the caller's units and to the caller: a job is found only by the requester who
started it (`user:{id}` for a session, `token:{id}` for an API token); anyone else, and a cancelled job, is 404.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from facility.errors import DomainError, NotFound
from facility.interop.capability import RESOURCE_TYPES
from facility.interop.models import CANCELED, DONE, FAILED, RUNNING, ExportFile, ExportJob
from facility.records.audit import record_access

# A running job that has shown no progress for this long has lost its process (a restart): it is reported failed.
STALLED_AFTER = timedelta(minutes=10)
# A finished job's files are kept this long, then go with the job at a later kick-off.
KEPT_FOR = timedelta(days=1)

NDJSON_FORMATS = ("application/fhir+ndjson", "application/ndjson", "ndjson")
SYSTEM, GROUP, PATIENT = "system", "group", "patient"


class BadRequest(DomainError):
    """A parameter of the request is wrong: 400, naming it."""

    status = 400

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}", {parameter: [message]})


@dataclass(frozen=True)
class ExportRequest:
    """A kick-off's parameters, checked."""

    types: list[str]
    since: datetime | None


def requester_key(actor: Any) -> str:
    """Who started a job, as the job keeps it: an API token by its id, else the staff member."""
    token_id = getattr(actor, "token_id", None)
    return f"token:{token_id}" if token_id is not None else f"user:{actor.id}"


def _audit_user(actor: Any) -> int | None:
    """The staff member to name in the audit log; none for a token (its key is in the target)."""
    return None if getattr(actor, "token_id", None) is not None else actor.id


def read_request(prefer: str | None, args: dict[str, str]) -> ExportRequest:
    """The kick-off's headers and parameters, or BadRequest naming the one at fault."""
    if "respond-async" not in [part.strip() for part in (prefer or "").split(",")]:
        raise BadRequest("Prefer", "an export runs asynchronously: send 'Prefer: respond-async'")
    output_format = args.get("_outputFormat")
    if output_format is not None and output_format not in NDJSON_FORMATS:
        raise BadRequest("_outputFormat", f"only {NDJSON_FORMATS[0]} is written")
    types = list(RESOURCE_TYPES)
    if "_type" in args:
        asked = [name.strip() for name in args["_type"].split(",")]
        unknown = sorted({name for name in asked if name not in RESOURCE_TYPES})
        if not any(asked) or unknown:
            raise BadRequest("_type", f"unknown resource type {', '.join(unknown) or '(empty)'}")
        types = [name for name in RESOURCE_TYPES if name in asked]
    since = None
    if "_since" in args:
        try:
            since = datetime.fromisoformat(args["_since"])
        except ValueError:
            raise BadRequest("_since", "not an instant (2026-06-10T08:00:00-04:00)") from None
        if since.tzinfo is None or since.utcoffset() is None:
            raise BadRequest("_since", "an instant needs its offset (…-04:00 or Z)")
    return ExportRequest(types, since)


def kick_off(
    session: Session,
    actor: Any,
    level: str,
    wanted: ExportRequest,
    request_url: str,
    now: datetime,
    unit_id: int | None = None,
) -> ExportJob:
    """Store a running job over the caller's units (or the one unit of a group export); audit the kick-off."""
    units = list(actor.unit_ids)
    if level == GROUP:
        if unit_id not in units:
            raise NotFound("no such group")
        units = [unit_id]
    requester = requester_key(actor)
    job = ExportJob(
        id=uuid.uuid4().hex,
        requester=requester,
        level=level,
        unit_ids=units,
        types=wanted.types,
        since=wanted.since,
        request_url=request_url,
        state=RUNNING,
        progress="queued",
        transaction_time=now,
        created_at=now,
        heartbeat_at=now,
    )
    _forget_old_jobs(session, now)
    session.add(job)
    record_access(
        session,
        _audit_user(actor),
        "fhir.export",
        target=requester,
        job=job.id,
        level=level,
        units=units,
        types=wanted.types,
    )
    return job


def _forget_old_jobs(session: Session, now: datetime) -> None:
    """Jobs finished (or cancelled) more than KEPT_FOR ago go, with their files."""
    old = list(
        session.scalars(
            select(ExportJob.id).where(
                or_(
                    ExportJob.finished_at < now - KEPT_FOR,
                    (ExportJob.state == CANCELED) & (ExportJob.created_at < now - KEPT_FOR),
                )
            )
        )
    )
    if old:
        session.execute(delete(ExportFile).where(ExportFile.job_id.in_(old)))
        session.execute(delete(ExportJob).where(ExportJob.id.in_(old)))


def stalled(job: ExportJob, now: datetime) -> bool:
    """A running job that has shown no progress for STALLED_AFTER: its process is gone."""
    return job.state == RUNNING and job.heartbeat_at < now - STALLED_AFTER


def job_of(session: Session, actor: Any, job_id: str) -> ExportJob:
    """The caller's own job, not cancelled; NotFound otherwise."""
    job = session.get(ExportJob, job_id)
    if job is None or job.requester != requester_key(actor) or job.state == CANCELED:
        raise NotFound("no such export")
    return job


def files_of(session: Session, job: ExportJob) -> list[ExportFile]:
    """A finished job's files in manifest order: by type as the export lists them, then part."""
    rows = list(session.scalars(select(ExportFile).where(ExportFile.job_id == job.id)))
    order = {name: n for n, name in enumerate(RESOURCE_TYPES)}
    return sorted(rows, key=lambda row: (order.get(row.resource_type, len(order)), row.part))


def cancel(session: Session, actor: Any, job_id: str) -> None:
    """Cancel the caller's job: it stops at its next batch; its files go; its status is 404 from now on."""
    job = job_of(session, actor, job_id)
    job.state = CANCELED
    for row in session.scalars(select(ExportFile).where(ExportFile.job_id == job.id)):
        session.delete(row)


def export_file(session: Session, actor: Any, job_id: str, file_id: int) -> ExportFile:
    """A file of the caller's finished job; the download is audited."""
    job = job_of(session, actor, job_id)
    row = session.get(ExportFile, file_id)
    if job.state != DONE or row is None or row.job_id != job.id:
        raise NotFound("no such file")
    record_access(
        session,
        _audit_user(actor),
        "fhir.export.download",
        target=requester_key(actor),
        job=job.id,
        file=row.id,
        type=row.resource_type,
        count=row.count,
    )
    return row


__all__ = ["DONE", "FAILED", "RUNNING", "BadRequest", "cancel", "export_file", "files_of", "job_of", "kick_off"]
