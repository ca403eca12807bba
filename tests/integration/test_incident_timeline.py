"""An incident names several residents: it shows on each one's day, and not on anyone else's."""

from __future__ import annotations

from tests.integration.incidents_helpers import desk, noon, notifier  # noqa: F401


def timeline_text(client, resident_id: int) -> str:
    page = client.get(f"/residents/{resident_id}")
    assert page.status_code == 200
    return page.get_data(as_text=True)


def test_a_submitted_incident_is_on_the_day_of_each_resident_it_names_with_where_it_stands(desk):
    report = desk.file(resident_ids=[1, 2], severity="high")
    for resident_id in (1, 2):
        text = timeline_text(desk.nurse, resident_id)
        assert "incident (high): physical aggression peer" in text and "· submitted" in text
    assert "incident (high)" not in timeline_text(desk.nurse, 3)
    desk.at(minutes=15)
    assert desk.step(desk.nurse, report["id"], "review").status_code == 200
    assert "· reviewed" in timeline_text(desk.nurse, 1)


def test_a_draft_stays_off_the_timeline(desk):
    desk.file(resident_ids=[3], status="draft")
    assert "incident" not in timeline_text(desk.nurse, 3).lower().split("timeline", 1)[-1]
