"""The resident page: the day's record of every domain as one timeline, identity and details, audited and scoped."""

import re
from datetime import UTC, datetime

from sqlalchemy import select

from facility.records.models import AuditEntry
from tests.conftest import iso, new_uid
from tests.integration.medobs_helpers import at_local, med, noon, notifier, obs_body  # noqa: F401
from tests.integration.rounds_helpers import check_body


def timeline(page: str) -> list[str]:
    """The timeline's lines as a reader sees them: 'HH:MM what who', tags and blanks folded."""
    items = re.findall(r"<li data-kind=[^>]*>(.*?)</li>", page.split('id="timeline"', 1)[1], re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def test_records_of_several_kinds_appear_in_order_with_their_words_and_a_voided_one_does_not(med):
    worker, nurse, clock = med.worker, med.nurse, med.clock
    clock.now = at_local("11:20")
    before = timeline(worker.get("/residents/4").get_data(as_text=True))
    assert (
        worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=4, note="reading")).status_code == 201
    )
    clock.now = at_local("11:30")
    level = nurse.post(
        "/api/v1/residents/4/observation-level",
        json={"uid": new_uid(), "occurred_at": iso(clock.now), "level": "q15", "reason": "withdrawn at breakfast"},
    )
    assert level.status_code == 201, level.get_json()
    order = med.order()
    clock.now = at_local("11:35")
    meal = {
        "uid": new_uid(),
        "resident_id": 4,
        "occurred_at": iso(clock.now),
        "activity": "meal",
        "meal": "lunch",
        "percent_eaten": 50,
        "support": "supervision",
    }
    assert worker.post("/api/v1/adl", json=meal).status_code == 201
    clock.now = at_local("11:45")
    assert med.observe(order["id"], scheduled_for=iso(at_local("12:00"))).status_code == 201
    goal = nurse.post("/api/v1/residents/4/goals", json={"uid": new_uid(), "text": "Eats three meals a day"})
    note = {
        "uid": new_uid(),
        "resident_id": 4,
        "occurred_at": iso(clock.now),
        "text": "Ate with the group.",
        "mood": "calm",
        "goal_ids": [goal.get_json()["id"]],
    }
    assert worker.post("/api/v1/notes", json=note).status_code == 201
    mistaken = check_body(clock, resident_id=4, location="dayroom")
    clock.now = at_local("11:50")
    assert worker.post("/api/v1/rounds/checks", json=mistaken).status_code == 201
    assert (
        worker.post(
            f"/api/v1/events/{mistaken['uid']}/void", json={"uid": new_uid(), "reason": "wrong resident"}
        ).status_code
        == 201
    )

    page = worker.get("/residents/4")
    assert page.status_code == 200
    lines = timeline(page.get_data(as_text=True))
    mine = [line for line in lines if line not in before]
    assert [line[:5] for line in mine] == ["11:20", "11:30", "11:30", "11:35", "11:45", "11:45", "11:45"]
    assert mine[0] == f"11:20 check: awake, calm, own room, “reading” {worker.user['name']}"
    assert "observation level" in mine[1] and "→ q15" in mine[1] and nurse.user["name"] in mine[1]
    assert mine[2] == (
        f"11:30 ordered: Risperidone 2 mg, 1 tablet by mouth, 12:00 and 20:00 daily, from 10 Jun 2026 "
        f"{nurse.user['name']}"
    )
    assert mine[3] == f"11:35 lunch: ate 50 %, supervision {worker.user['name']}"  # the care domain's describer
    assert mine[4] == f"11:45 12:00 dose of Risperidone 2 mg, 1 tablet by mouth: taken {worker.user['name']}"
    assert mine[5:] == [
        f"11:45 treatment-plan goal set: Eats three meals a day {nurse.user['name']}",
        f"11:45 progress note — mood calm: Ate with the group. {worker.user['name']}",
    ]
    goals_panel = page.get_data(as_text=True).split('id="panel-goals"', 1)[1]
    assert "Eats three meals a day" in goals_panel and "Ate with the group." in goals_panel
    assert not any("dayroom" in line for line in lines)  # the voided check is not in force
    assert lines == sorted(lines, key=lambda line: line[:5])


def test_the_page_shows_full_identity_level_precautions_allergies_and_an_outing_and_audits_the_read(med):
    out = {
        "uid": new_uid(),
        "resident_id": 4,
        "occurred_at": iso(med.clock.now),
        "destination": "pharmacy",
        "escort_id": med.worker.user["id"],
        "expected_return_at": iso(at_local("14:30")),
    }
    assert med.worker.post("/api/v1/outings", json=out).status_code == 201
    page = med.worker.get("/residents/4").get_data(as_text=True)
    assert "Date of birth" in page and "latex" in page
    assert "off the unit — outing: pharmacy, back 14:30 (escorted)" in page
    with med.app.app_context():
        session = med.app.extensions["facility_db"].new_session()
        actions = set(session.scalars(select(AuditEntry.action).where(AuditEntry.resident_id == 4)))
        session.close()
    assert {"read:resident", "read:timeline"} <= actions


def test_a_resident_of_another_unit_is_404_and_so_is_a_bad_day_only_ignored(med):
    assert med.worker.get("/residents/13").status_code == 404  # South
    assert med.worker.get("/residents/4?day=yesterday").status_code == 200


def test_a_day_is_the_local_day_even_on_the_25_hour_night_when_clocks_go_back(med, login):
    # 1 November 2026, New York: 00:00 EDT to 00:00 EST is 25 hours (04:00Z to 05:00Z the next day).
    med.clock.now = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
    worker = login("worker1")
    stamps = {
        "the evening before": "2026-11-01T03:50:00+00:00",
        "first minutes": "2026-11-01T04:30:00+00:00",
        "the repeated hour": "2026-11-01T05:30:00+00:00",
        "last hour": "2026-11-02T04:30:00+00:00",
        "the morning after": "2026-11-02T05:10:00+00:00",
    }
    for note, at in stamps.items():
        body = {**check_body(med.clock, resident_id=5, note=note), "occurred_at": at}
        assert worker.post("/api/v1/rounds/checks", json=body).status_code == 201

    lines = timeline(worker.get("/residents/5?day=2026-11-01").get_data(as_text=True))
    assert [(line[:5], line.split("“")[1].split("”")[0]) for line in lines] == [
        ("00:30", "first minutes"),
        ("01:30", "the repeated hour"),
        ("23:30", "last hour"),
    ]
    today = worker.get("/residents/5").get_data(as_text=True)
    assert "Today, Mon 02 Nov 2026" in today and "the morning after" in today and "last hour" not in today
