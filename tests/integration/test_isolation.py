"""One failing time rule, or one unit whose handoff cannot be built, does not stop the others."""

from datetime import timedelta

from sqlalchemy import select

from facility.handoff.jobs import build_due_handoffs
from facility.handoff.models import Handoff
from facility.scheduler import sweep
from tests.integration.rounds_helpers import check_body, notifier, open_alerts  # noqa: F401


def test_a_failing_time_rule_is_skipped_and_the_others_still_raise(demo, login, clock, monkeypatch, caplog, notifier):
    registry = demo.extensions["facility_registry"]

    def broken(session, now):
        raise OverflowError("a record from year 1")

    monkeypatch.setattr(registry, "time_rules", [broken, *registry.time_rules])
    login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=1))
    sweep(demo, clock.advance(minutes=18))
    sweep(demo, clock.advance(seconds=30))
    assert ("check_overdue", "critical", 1) in open_alerts(demo)
    failures = [r for r in caplog.records if "time rule" in r.getMessage() and "broken" in r.getMessage()]
    assert len(failures) == 1  # logged once, not every 30 s


def test_a_unit_whose_handoff_fails_does_not_stop_the_other_units(demo, clock, monkeypatch, session):
    from facility.handoff import services

    real = services._build_missing_of

    def north_breaks(session, unit, now, days):
        if unit.name == "North":
            raise OverflowError("a record from year 1")
        return real(session, unit, now, days)

    monkeypatch.setattr(services, "_build_missing_of", north_breaks)
    build_due_handoffs(demo, clock.now + timedelta(hours=9))
    units = set(session.scalars(select(Handoff.unit_id)))
    assert units == {2}
