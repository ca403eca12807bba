"""Appointments in the handoff to the shift they fall in, the discharge plan and its aftercare alert, follow-ups
after discharge, and the transitions report on a hand-made history."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import Clock, iso, new_uid
from tests.integration.casework_helpers import RESIDENT, casework, notifier  # noqa: F401 (fixtures)

# 16:00 EDT on Sat 31 Oct 2026; clocks go back at 02:00 on Sun 1 Nov, so the night shift 23:00–07:00 lasts 9 hours.
BEFORE_DST_NIGHT = datetime(2026, 10, 31, 20, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    return Clock.at(BEFORE_DST_NIGHT)


def book(casework, starts_at, provider="Dr Patel", escort=True, transport=False, client=None):
    body = {
        "uid": new_uid(),
        "resident_id": RESIDENT,
        "starts_at": iso(starts_at),
        "provider": provider,
        "place": "Riverbend clinic",
        "escort_needed": escort,
        "transport_needed": transport,
    }
    return casework.ok((client or casework.cm).post("/api/v1/appointments", json=body))


def test_an_appointment_is_an_action_in_the_handoff_to_the_shift_it_falls_in_across_the_dst_night(casework):
    book(casework, datetime(2026, 11, 1, 2, 30, tzinfo=UTC), "Dr Evening")  # 22:30 EDT: still the evening shift
    book(casework, datetime(2026, 11, 1, 11, 30, tzinfo=UTC), "Dr Patel", transport=True, client=casework.nurse)
    book(casework, datetime(2026, 11, 1, 12, 30, tzinfo=UTC), "Dr Morning", escort=False)  # 07:30 EST: day shift
    casework.clock.now = datetime(2026, 11, 1, 3, 1, tzinfo=UTC)  # 23:01 EDT: the evening shift has ended
    built = casework.lead.post("/api/v1/handoffs", json={"unit_id": 1})
    assert built.status_code == 201, built.get_json()
    summary = casework.ok(casework.lead.get(f"/api/v1/handoffs/{built.get_json()['id']}"), 200)["summary"]
    line = next(r for r in summary["residents"] if r["resident_id"] == RESIDENT)
    # 06:30 EST lies in the 9-hour night (an 8-hour reckoning would end it at 06:00 and miss it).
    ours = [a for a in line["actions"] if "Dr " in a]
    assert ours == ["escort to Dr Patel at 06:30 (Riverbend clinic; transport needed)"]
    assert [a["action"] for a in summary["casework"]["appointments"]] == ours
    html = casework.lead.get(f"/handoffs/{built.get_json()['id']}").get_data(as_text=True)
    assert "Appointments in the next shift" in html and "escort to Dr Patel at 06:30" in html


def test_only_a_case_manager_or_nurse_books_and_bad_input_names_the_field(casework):
    assert casework.worker.post("/api/v1/appointments", json={}).status_code == 403
    answer = casework.cm.post("/api/v1/appointments", json={"uid": new_uid(), "resident_id": RESIDENT})
    assert answer.status_code == 422 and {"starts_at", "provider", "place"} <= answer.get_json()["errors"].keys()


def plan(casework, planned_on, aftercare=None, **over):
    body = {
        "uid": new_uid(),
        "planned_on": planned_on.isoformat(),
        "destination": "own flat with support",
        "checklist": {
            "housing_confirmed": True,
            "medications_arranged": False,
            "crisis_plan_given": True,
            "family_informed": False,
        },
        **({"aftercare": aftercare} if aftercare else {}),
        **over,
    }
    return casework.ok(casework.cm.put(f"/api/v1/residents/{RESIDENT}/discharge-plan", json=body), 200)


def test_a_discharge_within_two_days_without_aftercare_is_flagged_until_a_revision_books_it(casework):
    today = datetime(2026, 10, 31).date()
    first = plan(casework, today + timedelta(days=3))
    assert (first["revision"], first["aftercare"], first["aftercare_within_7_days"]) == (1, None, False)
    assert casework.alerts("discharge_without_aftercare") == []  # three days off: not yet
    second = plan(casework, today + timedelta(days=2))
    assert second["revision"] == 2
    assert casework.alerts("discharge_without_aftercare") == [("discharge_without_aftercare", "warning", RESIDENT)]
    casework.sweep()
    assert len(casework.alerts("discharge_without_aftercare")) == 1
    late = {"provider": "Riverbend Psychiatry", "starts_at": "2026-11-10T15:00:00-05:00"}  # 8 days after
    assert plan(casework, today + timedelta(days=2), late)["aftercare_within_7_days"] is False
    assert len(casework.alerts("discharge_without_aftercare")) == 1
    soon = {"provider": "Riverbend Psychiatry", "starts_at": "2026-11-09T15:00:00-05:00"}  # 7 days after
    third = plan(casework, today + timedelta(days=2), soon)
    assert third["aftercare_within_7_days"] is True and third["revision"] == 4
    assert casework.alerts("discharge_without_aftercare") == []


def discharge(casework, at):
    body = {"uid": new_uid(), "occurred_at": iso(at)}
    casework.ok(casework.lead.post(f"/api/v1/residents/{RESIDENT}/discharge", json=body), 200)


def follow_up(casework, kind="contact_made", **over):
    body = {"uid": new_uid(), "occurred_at": iso(casework.clock.now), "kind": kind, **over}
    return casework.cm.post(f"/api/v1/residents/{RESIDENT}/follow-ups", json=body)


def test_a_follow_up_comes_after_discharge_and_the_discharged_resident_stays_on_the_caseload_30_days(casework):
    casework.ok(
        casework.lead.put(f"/api/v1/residents/{RESIDENT}/case-manager", json={"user_id": casework.cm.user["id"]}), 200
    )
    refused = follow_up(casework)
    assert refused.status_code == 422 and "resident_id" in refused.get_json()["errors"]
    discharge(casework, casework.clock.now)
    casework.clock.advance(days=3)
    answer = follow_up(casework, note="settling in")
    assert answer.status_code == 201, answer.get_json()
    assert RESIDENT in [e["resident_id"] for e in casework.ok(casework.cm.get("/api/v1/caseload"), 200)]
    casework.clock.advance(days=28)
    assert RESIDENT not in [e["resident_id"] for e in casework.ok(casework.cm.get("/api/v1/caseload"), 200)]


def test_the_transitions_report_counts_aftercare_and_follow_ups_at_the_seven_day_edge(casework):
    start = casework.clock.now
    seven_days_after = (start + timedelta(days=7)).isoformat()
    plan(casework, start.date(), {"provider": "Riverbend Psychiatry", "starts_at": seven_days_after})
    discharge(casework, start)
    casework.clock.advance(days=7)  # exactly seven days after the discharge: still within 7
    assert follow_up(casework).status_code == 201
    window = {"unit_id": 1, "from": iso(start - timedelta(days=1)), "to": iso(start + timedelta(days=1))}
    figures = casework.ok(casework.lead.get("/api/v1/reports/transitions", query_string=window), 200)
    assert (figures["discharges"], figures["with_aftercare_within_7_days"]) == (1, 1)
    assert (figures["followed_up_within_7_days"], figures["followed_up_within_30_days"]) == (1, 1)
    assert casework.worker.get("/api/v1/reports/transitions", query_string=window).status_code == 403
    bad = casework.lead.get("/api/v1/reports/transitions", query_string={**window, "to": window["from"]})
    assert bad.status_code == 422 and "to" in bad.get_json()["errors"]


def test_a_follow_up_that_reached_the_resident_is_their_last_contact_on_the_caseload(casework):
    casework.ok(
        casework.lead.put(f"/api/v1/residents/{RESIDENT}/case-manager", json={"user_id": casework.cm.user["id"]}), 200
    )
    casework.draft()
    drafted_at = casework.clock.now
    discharge(casework, casework.clock.now)

    def last_contact():
        line = [e for e in casework.ok(casework.cm.get("/api/v1/caseload"), 200) if e["resident_id"] == RESIDENT]
        return datetime.fromisoformat(line[0]["last_contact_at"])

    casework.clock.advance(days=2)
    assert follow_up(casework, kind="no_contact").status_code == 201
    assert last_contact() == drafted_at  # a call that reached no one is no contact
    casework.clock.advance(days=1)
    assert follow_up(casework, kind="contact_made").status_code == 201
    assert last_contact() == casework.clock.now
    page = casework.cm.get("/casework").get_data(as_text=True)
    assert "Tue 03 Nov 15:00" in page  # 20:00 UTC is 15:00 in New York once the clocks went back
