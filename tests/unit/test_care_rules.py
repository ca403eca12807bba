"""The daily-care rules, pure: poor intake over meals in the order they were eaten, overdue returns."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from facility.care.rules import (
    MealFact,
    OutFact,
    intake_outcomes,
    poor_intake_anywhere,
    poor_intake_now,
    return_outcomes,
    returned,
)
from facility.outcomes import AlertDraft, Resolve

NY = ZoneInfo("America/New_York")
MORNING = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)  # 08:00 local


def meal(hours: float, percent: int, name: str = "meal") -> MealFact:
    return MealFact(f"m{hours}", MORNING + timedelta(hours=hours), name, percent)


def drafts(outcomes):
    return [(o.kind, o.severity, o.condition) for o in outcomes if isinstance(o, AlertDraft)]


def test_two_consecutive_meals_under_25_percent_raise_poor_intake():
    outcomes = intake_outcomes(1, 4, "Dev P. · N104", [meal(0, 20, "breakfast"), meal(4, 10, "lunch")])
    assert drafts(outcomes) == [("poor_intake", "warning", "poor_intake:4")]
    assert outcomes[0].message == "Dev P. · N104: poor intake — breakfast 20 %, lunch 10 %"
    assert outcomes[0].source_uid == "m4"


def test_one_poor_meal_is_not_poor_intake():
    assert not poor_intake_now([meal(0, 80), meal(4, 10)])
    assert not poor_intake_now([meal(4, 0)])


def test_25_percent_is_not_under_25():
    assert not poor_intake_now([meal(0, 25), meal(4, 24)])
    assert poor_intake_now([meal(0, 24), meal(4, 24)])


def test_a_meal_at_or_above_25_percent_in_between_breaks_the_streak():
    assert not poor_intake_now([meal(0, 10), meal(4, 30), meal(9, 10)])
    assert intake_outcomes(1, 4, "D", [meal(0, 10), meal(4, 10), meal(9, 50)]) == [
        Resolve("poor_intake:4", "ate 25 % or more")
    ]


def test_a_late_entry_counts_where_it_was_eaten_not_where_it_was_typed():
    breakfast, dinner = meal(0, 10, "breakfast"), meal(10, 15, "dinner")
    late_lunch = meal(4, 60, "lunch")  # typed after dinner
    assert poor_intake_now([breakfast, dinner])
    assert not poor_intake_now([breakfast, dinner, late_lunch])
    late_poor = meal(4, 5, "lunch")  # a poor lunch typed after a good dinner does not make the last two poor
    assert not poor_intake_now([breakfast, meal(10, 80), late_poor])
    early_poor = meal(-1, 5, "snack")  # typed last, eaten before a good breakfast
    assert not poor_intake_now([meal(0, 90), meal(10, 10), early_poor])


def test_the_handoff_looks_for_two_poor_meals_in_a_row_anywhere():
    assert poor_intake_anywhere([meal(0, 10), meal(4, 20), meal(9, 90)])
    assert not poor_intake_anywhere([meal(0, 10), meal(4, 90), meal(9, 20)])


def out(due_in: float, escorted: bool = True) -> OutFact:
    return OutFact("o1", 1, 4, "Dev P. · N104", "pharmacy", MORNING + timedelta(minutes=due_in), escorted)


def test_a_resident_not_back_by_the_expected_return_raises_return_overdue_as_a_warning():
    trip = out(0)
    assert return_outcomes([trip], MORNING, NY) == []
    [alert] = return_outcomes([trip], MORNING + timedelta(seconds=1), NY)
    assert (alert.kind, alert.severity, alert.condition) == ("return_overdue", "warning", "return_overdue:o1")
    assert alert.message == "Dev P. · N104: not back from pharmacy (with an escort), due 08:00"


def test_thirty_minutes_past_the_expected_return_a_critical_return_overdue_follows():
    trip = out(0, escorted=False)
    assert len(return_outcomes([trip], MORNING + timedelta(minutes=29, seconds=59), NY)) == 1
    outcomes = return_outcomes([trip], MORNING + timedelta(minutes=30), NY)
    assert drafts(outcomes) == [
        ("return_overdue", "warning", "return_overdue:o1"),
        ("return_overdue", "critical", "return_overdue:o1:critical"),
    ]
    assert "(alone)" in outcomes[1].message and "over 30 min late" in outcomes[1].message


def test_the_return_resolves_both_overdue_alerts():
    assert {r.condition for r in returned("o1")} == {"return_overdue:o1", "return_overdue:o1:critical"}
