"""Scheduled work, as data: which job, which trigger, which time zone."""

from __future__ import annotations

import logging
import os
import signal
import threading
from datetime import datetime

from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask

from facility import clock
from facility.errors import log_failure
from facility.extensions import db
from facility.leader import Leadership
from facility.logs import failing_once, recovered

log = logging.getLogger(__name__)


def sweep(app: Flask, now: datetime | None = None) -> None:
    """One pass of the time-based rules: every registered rule, then escalation, each in its own savepoint.

    A rule that fails (a bad record, a bug) is logged once and skipped; the others still raise their alerts.
    """
    from facility.alerts import services as alerts
    from facility.domain import registry

    with app.app_context():
        now = now or clock.now()
        session = db.new_session()
        steps = [
            (_rule_name(rule), lambda r=rule: alerts.apply(session, r(session, now), now))
            for rule in registry().time_rules
        ]
        steps.append(("escalation", lambda: alerts.escalate(session, now)))
        try:
            for name, step in steps:
                try:
                    with session.begin_nested():
                        step()
                except Exception:
                    failing_once(log, f"rule:{name}", "time rule %s failed; the others go on", name)
                else:
                    recovered(log, f"rule:{name}", "time rule %s works again", name)
            session.commit()
        except Exception as error:
            session.rollback()
            log_failure(error, "alert sweep failed")
        finally:
            session.close()


def _rule_name(rule) -> str:
    return f"{rule.__module__}.{rule.__qualname__}"


def jobs(app: Flask) -> list[dict]:
    """Every scheduled job: the alert sweep, the handoff catch-up on start, a handoff build at each shift start,
    and the nightly proof that every projection is still what its events say (in the facility's zone)."""
    from facility.handoff.jobs import build_due_handoffs, shift_change_jobs
    from facility.integrity import verify_projections

    return [
        {"id": "alert-sweep", "func": sweep, "trigger": "interval", "seconds": app.config["SWEEP_SECONDS"]},
        {"id": "handoff-catch-up", "func": build_due_handoffs, "trigger": "date"},
        *shift_change_jobs(app),
        {"id": "verify-projections", "func": verify_projections, "trigger": "cron", "hour": 3, "minute": 40},
    ]


def build(app: Flask) -> BackgroundScheduler:
    """A scheduler holding the jobs for app (not started)."""
    scheduler = BackgroundScheduler(timezone=app.config["FACILITY_TIMEZONE"])
    for job in jobs(app):
        spec = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 60, **job}
        func = spec.pop("func")
        scheduler.add_job(func, args=[app], **spec)
    return scheduler


def lead(app: Flask, stop: threading.Event, leadership: Leadership | None = None) -> None:
    """Wait until this process leads, run JOBS while it does, wait again if it stops; until stop is set."""
    leadership = leadership or Leadership(app.config["DATABASE_URL"])
    retry = app.config["SCHEDULER_RETRY_SECONDS"]
    told = False
    try:
        while not stop.is_set():
            if not leadership.acquire():
                if not told:
                    log.info("another scheduler holds leadership; trying again every %s s", retry)
                    told = True
                stop.wait(retry)
                continue
            log.info("this scheduler leads (pid %s)", os.getpid())
            scheduler = build(app)
            scheduler.start()
            while not stop.wait(retry) and leadership.held():
                pass
            scheduler.shutdown(wait=False)
            told = False
            if not stop.is_set():
                log.warning("scheduler leadership lost; waiting to lead again")
    finally:
        leadership.release()


def start_embedded(app: Flask) -> threading.Event | None:
    """Run the scheduler inside the web process (the single-machine default); set the event to stop it."""
    if not app.config.get("SCHEDULER_EMBEDDED"):
        return None
    stop = threading.Event()
    threading.Thread(target=lead, args=(app, stop), name="scheduler", daemon=True).start()
    log.info("embedded scheduler started")
    return stop


def run_forever(app: Flask) -> None:
    """The scheduler as its own process, until SIGTERM or SIGINT."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # not a line per sweep
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    log.info("scheduler process started")
    leadership = Leadership(app.config["DATABASE_URL"])
    if not leadership.shared and not leadership.acquire():
        # On SQLite there is no standby: a second scheduler could only ever wait or, worse, sweep twice.
        log.error(
            "another scheduler already runs on this SQLite database; only one may run "
            "(stop the other one, or run on PostgreSQL for a standby)"
        )
        raise SystemExit(1)
    lead(app, stop, leadership)
