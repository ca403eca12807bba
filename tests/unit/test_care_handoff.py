"""The daily-care section of the handoff as a pure fold: intake, off the unit, groups, watchers and actions."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from facility.care.handoff import OutAtEnd
from facility.care.rules import MealFact
from facility.domain import Registry
from facility.domains import DOMAINS
from facility.handoff.summary import build_summary
from facility.sections import AlertFact, EventFact, ResidentFact, ShiftFacts
from facility.timeutil import ShiftWindow

NY = ZoneInfo("America/New_York")
START = datetime(2026, 6, 10, 11, 0, tzinfo=UTC)  # 07:00 local
WINDOW = ShiftWindow(START, START + timedelta(hours=8), NY)
SECTIONS = [section.fold for section in Registry(DOMAINS).handoff_sections]


def at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def resident(rid: int) -> ResidentFact:
    return ResidentFact(rid, f"R{rid} X. · {100 + rid}", str(100 + rid), "q60", (), START - timedelta(days=3))


def adl(rid: int, minutes: float, **data) -> EventFact:
    return EventFact(f"a{rid}-{minutes}", "adl.support", rid, 7, at(minutes), {"support": "supervision", **data})


def meal(rid: int, minutes: float, percent: int, name: str) -> EventFact:
    return adl(rid, minutes, activity="meal", meal=name, percent_eaten=percent)


def fold(events, out=(), before=None, alerts=()):
    facts = ShiftFacts(
        1,
        "North",
        WINDOW,
        [resident(1), resident(2)],
        sorted(events, key=lambda e: e.occurred_at),
        list(alerts),
        extras={"care": {"out": list(out), "meals_before": before or {}}},
    )
    return build_summary(facts, SECTIONS)


def entry(summary, rid):
    return next(r for r in summary["residents"] if r["resident_id"] == rid)


def test_intake_lists_each_residents_meals_fluids_and_sleep():
    summary = fold(
        [
            meal(1, 60, 80, "breakfast"),
            adl(1, 90, activity="fluids", fluids_ml=250),
            meal(1, 300, 50, "lunch"),
            adl(2, 30, activity="sleep", sleep_hours=7.5),
            adl(2, 40, activity="hygiene"),
        ]
    )
    intake = {row["resident_id"]: row for row in summary["care"]["intake"]}
    assert [(m["meal"], m["percent_eaten"], m["time"]) for m in intake[1]["meals"]] == [
        ("breakfast", 80, "08:00"),
        ("lunch", 50, "12:00"),
    ]
    assert intake[1]["fluids_ml"] == 250 and intake[2]["sleep_hours"] == 7.5 and intake[2]["meals"] == []
    assert entry(summary, 1)["severity"] == "stable"


def test_two_poor_meals_in_the_shift_make_the_resident_a_watcher():
    summary = fold(
        [
            meal(1, 60, 20, "breakfast"),
            meal(1, 300, 10, "lunch"),
            meal(2, 60, 20, "breakfast"),
            meal(2, 300, 90, "lunch"),
        ]
    )
    assert entry(summary, 1)["severity"] == "watcher" and "poor intake" in entry(summary, 1)["reasons"]
    assert any("breakfast 20 %, lunch 10 %" in line for line in entry(summary, 1)["events"])
    assert entry(summary, 2)["severity"] == "stable"
    assert summary["care"]["poor_intake"] == 1


def test_a_poor_meal_before_the_shift_and_one_in_it_are_two_in_a_row():
    before = {1: MealFact("d", START - timedelta(hours=5), "dinner", 15)}
    assert entry(fold([meal(1, 60, 10, "breakfast")], before=before), 1)["severity"] == "watcher"
    assert entry(fold([meal(1, 60, 30, "breakfast")], before=before), 1)["severity"] == "stable"


def test_an_open_poor_intake_alert_makes_a_watcher_too():
    alert = AlertFact(3, "poor_intake", "warning", 2, "R2 X.: poor intake", START - timedelta(hours=2))
    assert entry(fold([], alerts=[alert]), 2)["severity"] == "watcher"


def test_residents_off_the_unit_show_when_due_and_an_overdue_return_is_an_action():
    out = [OutAtEnd(1, "pharmacy", at(420), True), OutAtEnd(2, "family visit", at(540), False)]
    summary = fold([], out=out)
    assert [(o["resident_id"], o["due_back"], o["overdue"]) for o in summary["care"]["off_unit"]] == [
        (1, "14:00", True),
        (2, "16:00", False),
    ]
    assert entry(summary, 1)["actions"] == ["overdue from pharmacy since 14:00: reach the escort, tell the nurse"]
    assert entry(summary, 2)["actions"] == ["out at family visit, due back 16:00: sign them in on return"]


def test_groups_held_are_listed_with_their_attendance():
    group = EventFact(
        "g",
        "group.held",
        None,
        7,
        at(120),
        {"topic": "Coping skills", "duration_min": 45, "attendees": [{"resident_id": 1}, {"resident_id": 2}]},
    )
    assert fold([group])["care"]["groups"] == [
        {"time": "09:00", "topic": "Coping skills", "duration_min": 45, "attendees": 2}
    ]


def test_on_the_night_clocks_fall_back_due_times_read_in_the_local_time_of_that_moment():
    night_start = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)  # 23:00 EDT on 31 October
    window = ShiftWindow(night_start, datetime(2026, 11, 1, 12, 0, tzinfo=UTC), NY)  # 07:00 EST: 9 h
    out = [
        OutAtEnd(1, "ER visit", datetime(2026, 11, 1, 5, 30, tzinfo=UTC), True),  # 01:30 EDT
        OutAtEnd(2, "ER visit", datetime(2026, 11, 1, 13, 0, tzinfo=UTC), True),
    ]  # 08:00 EST
    facts = ShiftFacts(
        1, "North", window, [resident(1), resident(2)], [], [], extras={"care": {"out": out, "meals_before": {}}}
    )
    off_unit = build_summary(facts, SECTIONS)["care"]["off_unit"]
    assert [(o["due_back"], o["overdue"]) for o in off_unit] == [("01:30", True), ("08:00", False)]
