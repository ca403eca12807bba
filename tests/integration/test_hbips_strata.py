"""HBIPS through the API by age stratum, across a transfer, for all a lead's units, and as CSV.

Two residents are admitted on North before the demo's own (who arrive at 10:00 on 10 June), so that the
midnights of 9 and 10 June are theirs alone and the figures can be worked out by hand:
- Tess, born 10 June 2008: 17 at the 9th's midnight, 18 at the 10th's; a 10-minute hold at noon on the 10th
  (when she is 18);
- Elm, born 1 January 1956 (70): on North at the 9th's midnight, moved to South at noon on the 9th, so on South
  at the 10th's.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.conftest import iso, new_uid
from tests.integration.incidents_helpers import NOON, desk, noon, notifier  # noqa: F401

NINTH, ELEVENTH = "2026-06-09T00:00:00-04:00", "2026-06-11T00:00:00-04:00"
LEAD1 = 5


def admit(desk, first_name, born, record_number):
    body = {
        "uid": new_uid(),
        "unit_id": 1,
        "first_name": first_name,
        "last_name": "Hand",
        "date_of_birth": born,
        "room": f"N2{record_number[-2:]}",
        "record_number": record_number,
        "admitted_at": iso(NOON - timedelta(days=1, hours=16)),  # 20:00 on 8 June
        "observation_level": "q60",
    }
    answer = desk.lead.post("/api/v1/residents", json=body)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


def hbips(client, **params):
    query = {"from": NINTH, "to": ELEVENTH, **params}
    return client.get(
        "/api/v1/reports/hbips?" + "&".join(f"{k}={str(v).replace('+', '%2B')}" for k, v in query.items())
    )


def days(figures):
    return {name: stratum["resident_days"] for name, stratum in figures["strata"].items()}


def test_strata_transfers_all_units_and_csv(desk, login):
    tess = admit(desk, "Tess", "2008-06-10", "MR-HB01")
    elm = admit(desk, "Elm", "1956-01-01", "MR-HB02")
    admin = login("admin")
    moved = admin.post(
        f"/api/v1/residents/{elm}/transfer",
        json={"uid": new_uid(), "occurred_at": iso(NOON - timedelta(days=1)), "unit_id": 2, "room": "S220"},
    )
    assert moved.status_code == 201, moved.get_json()
    report = desk.file(resident_ids=[tess], interventions=["physical_hold"])
    hold = desk.start(report["id"], resident_id=tess)
    desk.at(minutes=10)
    assert desk.on_episode(hold["id"], "end").status_code == 200
    desk.at(days=2)

    north = hbips(desk.lead, unit_id=1).get_json()
    assert north["resident_days"] == 3  # Tess twice, Elm once (before his move)
    assert days(north) == {"1-12": 0, "13-17": 1, "18-64": 1, "65+": 1}
    assert north["strata"]["18-64"]["restraint_hours"] == round(10 / 60, 4)  # her hold, on a day she was 18
    assert north["strata"]["18-64"]["hbips2_rate"] == round((10 / 60) / (24 / 1000), 4)
    assert north["strata"]["13-17"]["restraint_hours"] == 0 and north["strata"]["13-17"]["hbips2_rate"] == 0.0
    assert north["hbips2_rate"] == round((10 / 60) / (3 * 24 / 1000), 4)

    # A lead of North alone asking for no unit gets North: the figures of all their units.
    mine = hbips(desk.lead).get_json()
    assert mine["unit_ids"] == [1] and mine["resident_days"] == 3

    assert admin.patch(f"/api/v1/users/{LEAD1}", json={"unit_ids": [1, 2]}).status_code == 200
    south = hbips(desk.lead, unit_id=2).get_json()
    assert south["resident_days"] == 1 and days(south)["65+"] == 1  # Elm's night after the move
    everywhere = hbips(desk.lead).get_json()
    assert everywhere["unit_ids"] == [1, 2]
    assert everywhere["resident_days"] == 4 and days(everywhere) == {"1-12": 0, "13-17": 1, "18-64": 1, "65+": 2}

    answer = hbips(desk.lead, format="csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert "attachment" in answer.headers["Content-Disposition"]
    rows = [line.split(",") for line in answer.get_data(as_text=True).splitlines()]
    header, overall = rows[0], rows[1]
    assert [row[3] for row in rows[1:]] == ["overall", "1-12", "13-17", "18-64", "65+"]
    assert overall[header.index("resident_days")] == "4" and overall[header.index("units")] == "1 2"
    assert datetime.fromisoformat(overall[0]) == datetime.fromisoformat(NINTH)


def test_the_format_and_the_unit_are_checked(desk, login):
    assert "format" in hbips(desk.lead, format="xml").get_json()["errors"]
    assert hbips(desk.lead, unit_id=2).status_code == 404  # not one of lead1's units
    assert hbips(login("nurse1")).status_code == 403
