"""Due-time arithmetic: levels, grace, level changes mid-interval, late checks, a DST night."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from facility.census.levels import ObservationLevel as L
from facility.rounds.due import RoundState, board_status, is_overdue, overdue_at

T = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
GRACE = timedelta(minutes=2)


@pytest.mark.parametrize(
    "level,minutes", [(L.Q60, 60), (L.Q30, 30), (L.Q15, 15), (L.Q5, 5), (L.LINE_OF_SIGHT, 15), (L.ONE_TO_ONE, 15)]
)
def test_next_check_is_due_one_interval_after_the_last_actual_check(level, minutes):
    state = RoundState(level, T - timedelta(days=1), T)
    assert state.next_due_at == T + timedelta(minutes=minutes)


def test_with_no_check_yet_the_first_is_due_one_interval_after_admission():
    state = RoundState(L.Q15, T + timedelta(minutes=30), None, admitted_at=T)
    assert state.next_due_at == T + timedelta(minutes=15)


def test_the_alert_falls_at_due_plus_grace_and_not_a_second_before():
    state = RoundState(L.Q15, T, T)
    assert overdue_at(state, GRACE) == T + timedelta(minutes=17)
    assert not is_overdue(state, T + timedelta(minutes=17) - timedelta(seconds=1), GRACE)
    assert is_overdue(state, T + timedelta(minutes=17), GRACE)


def test_board_status_is_ok_then_due_within_three_minutes_then_overdue():
    state = RoundState(L.Q15, T, T)
    assert [board_status(state, T + timedelta(minutes=m)) for m in (11, 12, 14, 15, 16)] == [
        "ok",
        "due",
        "due",
        "overdue",
        "overdue",
    ]


def test_a_level_tightened_mid_interval_counts_the_new_interval_from_the_last_check():
    before = RoundState(L.Q60, T - timedelta(hours=2), T)
    after = RoundState(L.Q15, T + timedelta(minutes=10), T)
    assert before.next_due_at == T + timedelta(minutes=60)
    assert after.next_due_at == T + timedelta(minutes=15)


def test_a_level_loosened_mid_interval_counts_the_new_interval_from_the_last_check():
    assert RoundState(L.Q60, T + timedelta(minutes=10), T).next_due_at == T + timedelta(minutes=60)


def test_a_check_recorded_late_never_moves_the_due_time_back():
    state = RoundState(L.Q15, T - timedelta(days=1), T)
    assert state.with_check(T - timedelta(minutes=10)).next_due_at == T + timedelta(minutes=15)
    assert state.with_check(T + timedelta(minutes=5)).next_due_at == T + timedelta(minutes=20)


def test_on_the_night_clocks_fall_back_a_q15_check_is_due_fifteen_real_minutes_later():
    zone = ZoneInfo("America/New_York")
    last = datetime(2026, 11, 1, 1, 55, tzinfo=zone)  # first 01:55, EDT
    state = RoundState(L.Q15, last - timedelta(hours=3), last.astimezone(UTC))
    due = state.next_due_at
    assert due - state.last_check_at == timedelta(minutes=15)
    assert due.astimezone(zone).strftime("%H:%M %Z") == "01:10 EST"


def test_on_the_night_clocks_spring_forward_a_q30_check_is_due_thirty_real_minutes_later():
    zone = ZoneInfo("America/New_York")
    last = datetime(2026, 3, 8, 1, 45, tzinfo=zone).astimezone(UTC)
    due = RoundState(L.Q30, last, last).next_due_at
    assert due - last == timedelta(minutes=30) and due.astimezone(zone).strftime("%H:%M %Z") == "03:15 EDT"


def test_while_out_with_an_escort_nothing_falls_due_however_long_the_outing():
    state = RoundState(L.Q15, T - timedelta(days=1), T, away_since=T + timedelta(minutes=5))
    later = T + timedelta(hours=3)
    assert not is_overdue(state, later, timedelta(minutes=2))
    assert board_status(state, later) == "ok"


def test_coming_back_from_an_escorted_outing_counts_as_a_sighting():
    back = T + timedelta(hours=2)
    state = RoundState(L.Q15, T - timedelta(days=1), T, back_at=back)
    assert state.next_due_at == back + timedelta(minutes=15)
    assert is_overdue(state, back + timedelta(minutes=17), timedelta(minutes=2))


def test_a_check_after_the_return_is_the_anchor_and_an_old_return_is_not():
    state = RoundState(L.Q15, T - timedelta(days=1), T, back_at=T - timedelta(minutes=40))
    assert state.next_due_at == T + timedelta(minutes=15)
    assert state.with_check(T + timedelta(minutes=10)).next_due_at == T + timedelta(minutes=25)


def test_a_not_seen_check_leaves_the_last_sighting_and_the_board_asks_for_a_check_now_until_one_sees_them():
    seen = RoundState(L.Q60, T - timedelta(days=1), T)
    state = seen.with_check(T + timedelta(minutes=19), "breathing_not_seen")
    assert state.last_check_at == T and state.next_due_at == T + timedelta(minutes=60)
    assert state.unseen.at == T + timedelta(minutes=19) and state.board_due_at == T + timedelta(minutes=19)
    assert board_status(state, T + timedelta(minutes=20)) == "overdue"
    # The critical alert stands for it: no check_overdue on top while nobody has seen them.
    assert not is_overdue(state, T + timedelta(minutes=70), GRACE)
    found = state.with_check(T + timedelta(minutes=25))
    assert found.unseen is None and board_status(found, T + timedelta(minutes=26)) == "ok"
    assert seen.with_check(T - timedelta(minutes=5), "missing") == seen  # entered late: says nothing of now


def test_missing_since_is_the_first_check_that_could_not_find_them_and_an_escorted_outing_after_it_sees_them():
    state = (
        RoundState(L.Q15, T, T)
        .with_check(T + timedelta(minutes=15), "missing")
        .with_check(T + timedelta(minutes=30), "missing")
    )
    assert (state.unseen.at, state.unseen.reason) == (T + timedelta(minutes=15), "missing")
    assert replace(state, away_since=T + timedelta(minutes=31)).unseen is None
