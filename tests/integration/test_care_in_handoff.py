"""The handoff built at the end of the shift carries daily care: intake, watchers, who is still out."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import new_uid
from tests.integration.care_helpers import NOON, care, noon, notifier  # noqa: F401

SHIFT_END = NOON + timedelta(hours=3)  # 15:00 in New York


def test_the_handoff_shows_poor_intake_as_a_watcher_and_an_overdue_outing_as_an_action(noon, care):
    care.ok(care.meal(20, at=NOON - timedelta(hours=1, minutes=30), meal="breakfast"))
    care.ok(care.meal(10))
    care.ok(care.sign_out(resident_id=5, minutes_out=120, destination="dentist"))
    care.ok(
        care.worker.post(
            "/api/v1/adl",
            json={
                "uid": new_uid(),
                "resident_id": 6,
                "occurred_at": NOON.isoformat(),
                "activity": "fluids",
                "support": "independent",
                "fluids_ml": 400,
            },
        )
    )
    care.clock.now = SHIFT_END + timedelta(minutes=1)
    built = care.lead.post("/api/v1/handoffs", json={"unit_id": 1})
    assert built.status_code == 201, built.get_json()
    summary = care.ok(care.lead.get(f"/api/v1/handoffs/{built.get_json()['id']}"), 200)["summary"]
    residents = {r["resident_id"]: r for r in summary["residents"]}
    assert residents[4]["severity"] == "watcher" and "poor intake" in residents[4]["reasons"]
    assert "overdue from dentist since 14:00: reach the resident, tell the nurse" in residents[5]["actions"]
    out = {o["resident_id"]: o for o in summary["care"]["off_unit"]}
    assert (out[5]["due_back"], out[5]["overdue"]) == ("14:00", True)
    intake = {row["resident_id"]: row for row in summary["care"]["intake"]}
    assert [m["percent_eaten"] for m in intake[4]["meals"]] == [20, 10] and intake[6]["fluids_ml"] == 400
    page = care.lead.get(f"/handoffs/{built.get_json()['id']}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Daily care" in html and "dentist" in html and "overdue" in html
