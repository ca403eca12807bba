"""Scheduled work, as data: which job, which trigger, which time zone."""
from __future__ import annotations

import logging
import time
from datetime import datetime

from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask

from facility import clock
from facility.extensions import db

log = logging.getLogger(__name__)
SWEEP_SECONDS = 30


def sweep(app: Flask, now: datetime | None = None) -> None:
    """One pass of the time-based rules: every registered sweep, then escalation, in one transaction."""
    from facility.alerts import services as alerts
    from facility.registry import TIME_RULES

    with app.app_context():
        now = now or clock.now()
        session = db.new_session()
        try:
            for rule in TIME_RULES:
                alerts.apply(session, rule(session, now), now)
            alerts.escalate(session, now)
            session.commit()
        except Exception:
            session.rollback()
            log.exception("alert sweep failed")
        finally:
            session.close()


def jobs(app: Flask) -> list[dict]:
    """Every scheduled job: the alert sweep, the handoff catch-up on start, a handoff build at each shift start."""
    from facility.handoff.jobs import build_due_handoffs, shift_change_jobs

    return [
        {"id": "alert-sweep", "func": sweep, "trigger": "interval", "seconds": SWEEP_SECONDS},
        {"id": "handoff-catch-up", "func": build_due_handoffs, "trigger": "date"},
        *shift_change_jobs(app),
    ]


def build(app: Flask) -> BackgroundScheduler:
    """A scheduler holding the jobs for app (not started)."""
    scheduler = BackgroundScheduler(timezone=app.config["FACILITY_TIMEZONE"])
    for job in jobs(app):
        spec = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 60, **job}
        func = spec.pop("func")
        scheduler.add_job(func, args=[app], **spec)
    return scheduler


def start_embedded(app: Flask) -> BackgroundScheduler | None:
    """Run the scheduler inside the web process (the single-machine default)."""
    if not app.config.get("SCHEDULER_EMBEDDED"):
        return None
    scheduler = build(app)
    scheduler.start()
    log.info("embedded scheduler started")
    return scheduler


def run_forever(app: Flask) -> None:
    """The scheduler as its own process."""
    scheduler = build(app)
    scheduler.start()
    log.info("scheduler process started")
    try:
        while True:
            time.sleep(60)
    except (KeyboardInterrupt, SystemExit):
        scheduler.shutdown()
