"""GET /api/v1/reports/hbips end to end: episodes documented through the API, the census, the figures."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import iso
from tests.integration.incidents_helpers import NOON, desk, noon, notifier  # noqa: F401

# Local midnights of 10 and 11 June (EDT); the demo residents came at 10:00 on the 10th.
JUNE_10, JUNE_12 = "2026-06-10T00:00:00-04:00", "2026-06-12T00:00:00-04:00"


def query(**over):
    params = {"unit_id": 1, "from": JUNE_10, "to": JUNE_12, **over}
    return "/api/v1/reports/hbips?" + "&".join(
        f"{k}={v.replace('+', '%2B') if isinstance(v, str) else v}" for k, v in params.items()
    )


def test_the_hbips_report_counts_minutes_rounded_up_restraint_over_seclusion_and_the_open_episode(desk, login):
    report = desk.file(interventions=["physical_hold", "seclusion"])
    hold = desk.start(report["id"], resident_id=1)
    seclusion = desk.start(report["id"], resident_id=2, kind="seclusion")
    desk.clock.now = NOON + timedelta(minutes=2, seconds=5)
    assert desk.on_episode(hold["id"], "end").status_code == 200  # 2 min 5 s: 3 minutes
    desk.clock.now = NOON + timedelta(minutes=10)
    overlap = desk.start(report["id"], resident_id=2, kind="mechanical_restraint")  # 10 of the 30 minutes
    desk.clock.now = NOON + timedelta(minutes=20)
    desk.on_episode(overlap["id"], "end")
    desk.clock.now = NOON + timedelta(minutes=30)
    desk.on_episode(seclusion["id"], "end")
    desk.clock.now = NOON + timedelta(minutes=40)
    running = desk.start(report["id"], resident_id=1, kind="mechanical_restraint")
    desk.clock.now = NOON + timedelta(days=2)  # noon on the 12th: the 11th's midnight has passed
    answer = login("lead1").get(query())
    assert answer.status_code == 200, answer.get_json()
    figures = answer.get_json()
    assert figures.pop("unit_ids") == [1]
    assert set(figures.pop("strata")) == {"1-12", "13-17", "18-64", "65+"}  # test_hbips_strata.py reads them
    # The demo signs one North resident out on an outing and nobody signs them back in: out at the 11th's
    # midnight, that is a leave day (daily care's absences), so 11 of the 12 resident days count: 264 hours.
    assert figures == {
        "resident_days": 12,
        "leave_days": 1,
        "inpatient_hours": 264,
        "restraint_hours": round(13 / 60, 4),
        "seclusion_hours": round(20 / 60, 4),
        "hbips2_rate": round(13 / 60 / 0.264, 4),
        "hbips3_rate": round(20 / 60 / 0.264, 4),
        "not_determinable": [running["id"]],
        "not_determinable_incidents": [report["id"]],
        "not_determinable_incident_count": 1,
        "hours_determinable": False,
    }


def test_midnights_still_to_come_are_no_resident_days(desk, login):
    figures = login("lead1").get(query()).get_json()  # at noon on the 10th
    assert figures["resident_days"] == 0 and figures["inpatient_hours"] == 0 and figures["hbips2_rate"] is None


def test_the_hbips_report_is_for_leads_of_the_unit_and_checks_its_range(desk, login):
    lead = login("lead1")
    assert login("nurse1").get(query()).status_code == 403
    assert lead.get(query(unit_id=2)).status_code == 404
    assert "to" in lead.get(query(to=JUNE_10)).get_json()["errors"]
    assert "from" in lead.get(query(**{"from": "2026-06-10T00:00:00"})).get_json()["errors"]
    assert lead.get(query(to=iso(NOON + timedelta(days=400)))).status_code == 422
    assert (
        lead.get(query(**{"from": "2026-05-31T00:00:00-04:00", "to": "2026-07-01T00:00:00-04:00"})).status_code == 200
    )  # a 31-day month fits
