"""Around the spring DST night (Sun 8 Mar 2026 in America/New_York, clocks forward at 02:00): an appointment is in
the handoff to the shift it falls in though the night shift lasts 7 hours, and the transitions report's 7-day edge
holds on both sides when a week has 167 hours of local time."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import Clock, iso, new_uid
from tests.integration.casework_helpers import RESIDENT, casework, notifier  # noqa: F401 (fixtures)
from tests.integration.test_casework_discharge import book, discharge, follow_up, plan

# 15:00 EST on Sat 7 Mar 2026: the night shift 23:00 EST – 07:00 EDT that follows lasts 7 hours.
BEFORE_SPRING_NIGHT = datetime(2026, 3, 7, 20, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    return Clock.at(BEFORE_SPRING_NIGHT)


def handoff_actions(casework):
    built = casework.lead.post("/api/v1/handoffs", json={"unit_id": 1})
    assert built.status_code == 201, built.get_json()
    summary = casework.ok(casework.lead.get(f"/api/v1/handoffs/{built.get_json()['id']}"), 200)["summary"]
    line = next(r for r in summary["residents"] if r["resident_id"] == RESIDENT)
    return [a for a in line["actions"] if "Dr " in a], [a["action"] for a in summary["casework"]["appointments"]]


def test_an_appointment_is_an_action_in_the_handoff_to_the_shift_it_falls_in_across_the_spring_night(casework):
    book(casework, datetime(2026, 3, 8, 3, 30, tzinfo=UTC), "Dr Evening")  # 22:30 EST: still the evening shift
    book(casework, datetime(2026, 3, 8, 10, 30, tzinfo=UTC), "Dr Patel")  # 06:30 EDT: the night shift
    book(casework, datetime(2026, 3, 8, 11, 30, tzinfo=UTC), "Dr Morning")  # 07:30 EDT: the day shift
    casework.clock.now = datetime(2026, 3, 8, 4, 1, tzinfo=UTC)  # 23:01 EST: the evening shift has ended
    ours, listed = handoff_actions(casework)
    # An 8-hour reckoning would end the night at 08:00 EDT and hand the 07:30 appointment to the wrong shift.
    assert ours == listed == ["escort to Dr Patel at 06:30 (Riverbend clinic)"]
    casework.clock.now = datetime(2026, 3, 8, 11, 1, tzinfo=UTC)  # 07:01 EDT: the 7-hour night has ended
    ours, _listed = handoff_actions(casework)
    assert ours == ["escort to Dr Morning at 07:30 (Riverbend clinic)"]


def test_the_transitions_report_counts_seven_days_to_the_minute_across_the_spring_night_on_both_sides(casework):
    start = casework.clock.now
    late = (start + timedelta(days=7, minutes=1)).isoformat()
    plan(casework, start.date(), {"provider": "Riverbend Psychiatry", "starts_at": late})
    discharge(casework, start)
    casework.clock.advance(days=7, minutes=1)  # a minute past seven days: not within 7, within 30
    assert follow_up(casework).status_code == 201
    window = {"unit_id": 1, "from": iso(start - timedelta(days=1)), "to": iso(start + timedelta(days=1))}
    figures = casework.ok(casework.lead.get("/api/v1/reports/transitions", query_string=window), 200)
    assert (figures["discharges"], figures["with_aftercare_within_7_days"]) == (1, 0)
    assert (figures["followed_up_within_7_days"], figures["followed_up_within_30_days"]) == (0, 1)
    # a follow-up on the 7-day mark itself would have counted (the other side of the edge)
    earlier = {"uid": new_uid(), "occurred_at": iso(start + timedelta(days=7)), "kind": "appointment_kept"}
    casework.ok(casework.cm.post(f"/api/v1/residents/{RESIDENT}/follow-ups", json=earlier))
    figures = casework.ok(casework.lead.get("/api/v1/reports/transitions", query_string=window), 200)
    assert (figures["followed_up_within_7_days"], figures["followed_up_within_30_days"]) == (1, 1)
