"""Checking that what is read is derived from the record: `flask facility verify` and its daily job.

Every domain declares how its projection tables fold again from the log (`Domain.projections`); this runs them
all and compares. A difference means a table was changed below the API (or a handler has a bug): the daily job
then raises `projection_mismatch` on every unit, for its leads and on the admin page, naming tables and counts
only, never a resident.
"""

from __future__ import annotations

import logging
from datetime import datetime

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from facility import clock
from facility.alerts import services as alerts
from facility.alerts.rules import PROJECTION_MISMATCH
from facility.census.models import Unit
from facility.db import write_intent
from facility.domain import registry
from facility.errors import log_failure
from facility.extensions import db
from facility.outcomes import AlertDraft, Resolve
from facility.records.verify import Verdict, verify

log = logging.getLogger(__name__)


def mismatch_condition(unit_id: int) -> str:
    """One open projection_mismatch per unit."""
    return f"{PROJECTION_MISMATCH}:{unit_id}"


def mismatch_outcomes(verdict: Verdict, unit_ids: list[int]) -> list[AlertDraft | Resolve]:
    """A critical alert on every unit while the tables differ from the events; resolved once they match again."""
    if not verdict.differences:
        return [Resolve(mismatch_condition(u), "projections match the events again") for u in unit_ids]
    count = len(verdict.differences)
    message = (
        f"Stored records differ from the event log: {count} difference{'s' if count != 1 else ''} in "
        f"{', '.join(verdict.tables_differing)}. An administrator should run `flask facility verify` "
        "on the server; the event log is the record."
    )
    return [AlertDraft(PROJECTION_MISMATCH, "critical", u, None, mismatch_condition(u), message) for u in unit_ids]


def check(app_session: Session) -> Verdict:
    """Fold every declared projection again from the log and compare, in one consistent read."""
    if app_session.get_bind().dialect.name == "postgresql":
        # One snapshot for the log and the tables: a record stored between the two reads is no difference.
        app_session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    return verify(app_session, registry().projections)


def check_now() -> Verdict:
    """check() in a read-only session of its own, ended before this returns (the app context's database)."""
    with write_intent(False):
        reading = db.new_session()
        try:
            return check(reading)
        finally:
            reading.rollback()
            reading.close()


def verify_projections(app: Flask, now: datetime | None = None) -> Verdict:
    """The daily job: verify, then raise (or resolve) projection_mismatch on every unit."""
    with app.app_context():
        now = now or clock.now()
        verdict = check_now()
        session = db.new_session()
        try:
            units = list(session.scalars(select(Unit.id).order_by(Unit.id)))
            alerts.apply(session, mismatch_outcomes(verdict, units), now)
            session.commit()
        except Exception as error:
            session.rollback()
            log_failure(error, "raising the projection check's alert failed")
            raise
        finally:
            session.close()
    if verdict.differences:
        log.error(
            "projections differ from the events: %s differences in %s",
            len(verdict.differences),
            ", ".join(verdict.tables_differing),
        )
    else:
        log.info("projections match the events (%s tables, %s rows)", verdict.tables, verdict.rows)
    return verdict
