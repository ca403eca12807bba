"""The transitions report and the aftercare rule as pure folds: the 7-day edges on both sides."""

from datetime import UTC, date, datetime, timedelta

from facility.casework.transitions import (
    Discharge,
    PlannedDischarge,
    ReferralSpan,
    aftercare_in_time,
    aftercare_outcomes,
    transitions,
)
from facility.outcomes import AlertDraft, Resolve

T = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)
DAY = timedelta(days=1)
START, END = T - DAY, T + DAY


def test_aftercare_and_follow_up_exactly_seven_days_after_count_and_a_minute_later_does_not():
    on_the_edge = Discharge(1, T, T + 7 * DAY, (T + 7 * DAY,))
    past_it = Discharge(2, T, T + 7 * DAY + timedelta(minutes=1), (T + 7 * DAY + timedelta(minutes=1),))
    before_discharge = Discharge(3, T, T - timedelta(hours=1), ())
    month = Discharge(4, T, None, (T + 30 * DAY,))
    figures = transitions([on_the_edge, past_it, before_discharge, month], [], START, END)
    assert figures["discharges"] == 4
    assert figures["with_aftercare_within_7_days"] == 1
    assert figures["followed_up_within_7_days"] == 1
    assert figures["followed_up_within_30_days"] == 3


def test_referral_figures_count_what_was_sent_and_closed_in_the_range_and_the_median_wait():
    spans = [
        ReferralSpan(T, T + 2 * DAY, T + 9 * DAY, None),
        ReferralSpan(T + timedelta(hours=1), T + timedelta(hours=1) + 4 * DAY, None, None),
        ReferralSpan(T - 3 * DAY, T - DAY, T, "need_met"),  # sent before the range, closed in it
        ReferralSpan(None, None, None, None),  # a draft
    ]
    assert transitions([], spans, START, END)["referrals"] == {
        "sent": 2,
        "closed_with_outcome": 1,
        "median_days_to_response": 3.0,
    }


def test_discharge_without_aftercare_within_two_days_and_cleared_by_an_appointment_in_the_week_after():
    today = date(2026, 6, 10)
    assert aftercare_in_time(today, today + 7 * DAY) and not aftercare_in_time(today, today + 8 * DAY)
    assert not aftercare_in_time(today, today - DAY)
    soon = PlannedDischarge(1, 4, "Dev P.", today + 2 * DAY, None)
    later = PlannedDischarge(1, 5, "Eli M.", today + 3 * DAY, None)
    arranged = PlannedDischarge(1, 6, "Fay N.", today + DAY, today + 5 * DAY)
    drafts = aftercare_outcomes([soon, later, arranged], today)
    assert [type(o) for o in drafts] == [AlertDraft, Resolve, Resolve]
    assert drafts[0].condition == "discharge_without_aftercare:4" and drafts[0].severity == "warning"
