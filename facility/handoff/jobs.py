"""The scheduler's handoff work: build every completed shift that has no handoff yet."""

from __future__ import annotations

import logging
from datetime import datetime

from apscheduler.triggers.cron import CronTrigger
from flask import Flask
from sqlalchemy import select

from facility import clock
from facility.census.models import Unit
from facility.errors import log_failure
from facility.extensions import db
from facility.handoff import services
from facility.timeutil import parse_hhmm

log = logging.getLogger(__name__)


def build_due_handoffs(app: Flask, now: datetime | None = None) -> int:
    """Build the missing handoffs of the last 7 days (at each boundary, and on start as catch-up)."""
    with app.app_context():
        session = db.new_session()
        try:
            built = services.build_missing(session, now or clock.now())
            session.commit()
        except Exception as error:
            session.rollback()
            log_failure(error, "building handoffs failed")
            raise
        finally:
            session.close()
    for handoff in built:
        log.info("handoff %s built for unit %s shift %s", handoff.id, handoff.unit_id, handoff.shift_start)
    return len(built)


def shift_change_jobs(app: Flask) -> list[dict]:
    """One cron job per distinct shift start of any unit, in the facility's zone."""
    with app.app_context():
        session = db.new_session()
        try:
            starts = {text for unit in session.scalars(select(Unit)) for text in unit.shift_starts}
        finally:
            session.close()
    jobs = []
    for text in sorted(starts or {"07:00", "15:00", "23:00"}):
        at = parse_hhmm(text)
        jobs.append(
            {
                "id": f"handoff-{text}",
                "func": build_due_handoffs,
                "trigger": CronTrigger(hour=at.hour, minute=at.minute, timezone=app.config["FACILITY_TIMEZONE"]),
                # a boundary missed while down still runs once when the scheduler returns; catch-up covers older ones
                "misfire_grace_time": 6 * 3600,
            }
        )
    return jobs
