"""Medication alert rules: pure, no database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from facility.medobs.rules import (
    DueDose,
    ObservationFacts,
    PendingFollowup,
    followup_outcomes,
    is_severe,
    missed_condition,
    missed_outcomes,
    observation_outcomes,
)
from facility.outcomes import AlertDraft, Resolve

NY = ZoneInfo("America/New_York")
AT = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


def facts(outcome="taken", side_effects=(), scheduled_for=AT):
    return ObservationFacts(
        "u-1", 1, 4, "Dev P. · N104", 7, "risperidone", scheduled_for, outcome, tuple(side_effects), NY
    )


def drafts(outcomes):
    return [(o.kind, o.severity) for o in outcomes if isinstance(o, AlertDraft)]


def test_a_refusal_is_a_warning():
    assert drafts(observation_outcomes(facts("refused"), "taken")) == [("med_refused", "warning")]


def test_second_consecutive_refusal_is_critical():
    outcomes = observation_outcomes(facts("refused"), "refused")
    assert drafts(outcomes) == [("med_refused", "critical")]
    assert "second refusal in a row" in outcomes[0].message and "08:00" in outcomes[0].message


def test_a_taken_dose_raises_nothing_and_clears_its_missed_dose():
    outcomes = observation_outcomes(facts("taken"), "refused")
    assert drafts(outcomes) == []
    assert Resolve(missed_condition(7, AT), "dose observed") in outcomes


def test_a_side_effect_is_a_warning_and_a_severe_one_critical():
    assert drafts(observation_outcomes(facts(side_effects=["drowsiness"]), None)) == [("side_effect", "warning")]
    for severe in ["difficulty_breathing", "swelling_face_lips_tongue", "seizure", "fainting", "chest_pain"]:
        assert drafts(observation_outcomes(facts(side_effects=["nausea", severe]), None)) == [
            ("side_effect", "critical")
        ]


def test_free_text_side_effects_are_read_for_severe_words():
    assert is_severe("short of breath") and is_severe("lips swelling") and is_severe("Chest pain")
    assert not is_severe("dry mouth") and not is_severe("sleepy") and not is_severe("swollen ankles")


def test_a_refusal_with_side_effects_raises_both():
    assert drafts(observation_outcomes(facts("refused", ["seizure"]), None)) == [
        ("med_refused", "warning"),
        ("side_effect", "critical"),
    ]


def due(observed=False, end=AT + timedelta(hours=1)):
    return DueDose(7, 1, 4, "Dev P. · N104", "risperidone", AT, end, observed)


def test_dose_missed_when_the_window_closes_unobserved():
    assert drafts(missed_outcomes([due()], set(), AT + timedelta(hours=1), NY)) == [("dose_missed", "warning")]
    assert missed_outcomes([due()], set(), AT + timedelta(minutes=59), NY) == []
    assert missed_outcomes([due(observed=True)], set(), AT + timedelta(hours=2), NY) == []


def test_dose_missed_is_raised_once_per_dose():
    assert missed_outcomes([due()], {missed_condition(7, AT)}, AT + timedelta(hours=2), NY) == []


def test_prn_follow_up_overdue_30_minutes_after_it_fell_due():
    pending = [PendingFollowup("u-2", 1, 4, "Dev P. · N104", "lorazepam", AT)]
    assert followup_outcomes(pending, AT + timedelta(minutes=29), NY) == []
    assert drafts(followup_outcomes(pending, AT + timedelta(minutes=30), NY)) == [("prn_followup_overdue", "warning")]
