"""Running an export in the background: a batch at a time, yielding to the server between batches.

The job's row says how far it has got (X-Progress); its files are rows of their own, written as each part
fills. A cancelled job stops at its next batch. Reads are short read transactions and writes short write
transactions of their own, so an export never holds the SQLite write lock while it reads the record.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from flask import Flask
from sqlalchemy import delete
from sqlalchemy.orm import Session

from facility import clock
from facility.db import write_intent
from facility.errors import log_failure
from facility.extensions import db, socketio
from facility.interop.gather import READERS, Scope, scope_of
from facility.interop.models import CANCELED, DONE, FAILED, RUNNING, ExportFile, ExportJob
from facility.timeutil import facility_zone

LINES_PER_FILE = 5000
STARTER = "facility_fhir_export_starter"


def start(app: Flask, job_id: str) -> None:
    """Run the job in a background task of the server (a green thread under eventlet or gevent)."""
    starter: Callable[[Flask, str], Any] = app.extensions.get(STARTER, _in_background)
    starter(app, job_id)


def _in_background(app: Flask, job_id: str) -> None:
    socketio.start_background_task(run_export, app, job_id)


class Cancelled(Exception):
    """The caller cancelled the job while it ran."""


def _references(value: Any, found: set[str]) -> None:
    """Every `reference` a resource makes, nested anywhere in it."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "reference" and isinstance(item, str):
                found.add(item)
            else:  # a Reference may sit under a key of that name too (a consent's actor)
                _references(item, found)
    elif isinstance(value, list):
        for item in value:
            _references(item, found)


class Writer:
    """The files of one job: lines gathered per type, written as a part each LINES_PER_FILE lines."""

    def __init__(self, session: Session, job_id: str) -> None:
        self.session = session
        self.job_id = job_id
        self.lines: list[str] = []
        self.parts = 0
        self.written = 0

    def add(self, resource_type: str, resource: dict[str, Any]) -> None:
        self.lines.append(json.dumps(resource, separators=(",", ":"), ensure_ascii=False))
        if len(self.lines) >= LINES_PER_FILE:
            self.flush(resource_type)

    def flush(self, resource_type: str) -> None:
        if not self.lines:
            return
        self.parts += 1
        with write_intent(True):
            _still_running(self.session, self.job_id).heartbeat_at = clock.now()
            self.session.add(
                ExportFile(
                    job_id=self.job_id,
                    resource_type=resource_type,
                    part=self.parts,
                    count=len(self.lines),
                    body="\n".join(self.lines) + "\n",
                )
            )
            self.session.commit()
        self.written += len(self.lines)
        self.lines = []


def _still_running(session: Session, job_id: str) -> ExportJob:
    """The job, locked for this write transaction (a cancel waits for it), unless it was cancelled meanwhile."""
    job = session.get(ExportJob, job_id, populate_existing=True, with_for_update=True)
    if job is None or job.state != RUNNING:
        raise Cancelled(job_id)
    return job


def _set_progress(session: Session, job_id: str, progress: str, state: str = RUNNING) -> None:
    with write_intent(True):
        job = _still_running(session, job_id)
        job.progress = progress[:120]
        job.heartbeat_at = clock.now()
        job.state = state
        if state != RUNNING:
            job.finished_at = clock.now()
        session.commit()


def export_types(session: Session, job: ExportJob, scope: Scope) -> None:
    """Write each asked-for type's resources, the records first; note the staff they name for Practitioner."""
    asked = [name for name in READERS if name in job.types]
    total = 0
    for number, resource_type in enumerate(asked, start=1):
        _set_progress(session, job.id, f"{resource_type} ({number} of {len(asked)} types), {total} resources so far")
        writer = Writer(session, job.id)
        for batch in _batches(session, resource_type, scope):
            for resource in batch:
                refs: set[str] = set()
                _references(resource, refs)
                scope.practitioners.update(int(r.split("/")[1]) for r in refs if r.startswith("Practitioner/"))
                writer.add(resource_type, resource)
            socketio.sleep(0)  # let the server's other requests run: one green worker serves everyone
        writer.flush(resource_type)
        total += writer.written


def _batches(session: Session, resource_type: str, scope: Scope):
    """The reader's batches, each read in a short read transaction of its own."""
    reader = READERS[resource_type](session, scope)
    while True:
        with write_intent(False):
            try:
                batch = next(reader)
            except StopIteration:
                session.commit()
                return
            session.commit()
        yield batch


def run_export(app: Flask, job_id: str) -> None:
    """Carry out one export job to its end (done), its cancellation, or its failure (logged without data)."""
    with app.app_context():
        session = db.new_session()
        try:
            with write_intent(False):
                job = session.get(ExportJob, job_id)
                if job is None or job.state != RUNNING:
                    return
                scope = scope_of(session, list(job.unit_ids), job.since, job.transaction_time, facility_zone())
                session.commit()
            export_types(session, job, scope)
            _set_progress(session, job_id, "done", DONE)
        except Cancelled:
            session.rollback()
            _drop_files(session, job_id)
        except Exception as error:
            session.rollback()
            log_failure(error, f"FHIR export job {job_id} failed")
            _mark_failed(session, job_id)
        finally:
            session.close()


def _drop_files(session: Session, job_id: str) -> None:
    """A cancelled job's files go (a part written while the DELETE was answered included)."""
    with write_intent(True):
        session.execute(delete(ExportFile).where(ExportFile.job_id == job_id))
        session.commit()


def _mark_failed(session: Session, job_id: str) -> None:
    with write_intent(True):
        job = session.get(ExportJob, job_id, populate_existing=True, with_for_update=True)
        if job is not None and job.state == RUNNING:
            job.state = FAILED
            job.error = "the export failed; see the server's log"
            job.finished_at = clock.now()
        session.commit()


__all__ = ["CANCELED", "LINES_PER_FILE", "run_export", "start"]
