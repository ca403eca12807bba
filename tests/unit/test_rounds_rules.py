"""The pure rounds rules: what a check raises and clears, and the overdue sweep."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from facility.census.levels import ObservationLevel as L
from facility.outcomes import AlertDraft, Resolve
from facility.rounds.due import RoundState
from facility.rounds.rules import CheckFacts, ResidentRounds, check_outcomes, overdue_outcomes

T = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
GRACE = timedelta(minutes=2)
ZONE = ZoneInfo("America/New_York")


def check(**over):
    values = dict(
        uid="u1",
        unit_id=1,
        resident_id=7,
        display_name="Ana R. · N101",
        occurred_at=T,
        location="own_room",
        state="awake_calm",
        breathing_observed=None,
    )
    return CheckFacts(**{**values, **over})


def drafts(outcomes):
    return [(o.kind, o.severity) for o in outcomes if isinstance(o, AlertDraft)]


def resolved(outcomes):
    return {o.condition for o in outcomes if isinstance(o, Resolve)}


def after(last=T, level=L.Q15):
    return RoundState(level, T - timedelta(days=1), last)


def test_a_calm_check_raises_nothing_and_clears_overdue_missing_and_breathing():
    outcomes = check_outcomes(check(), after(), T, GRACE)
    assert drafts(outcomes) == []
    assert {"check_overdue:7", "resident_missing:7", "breathing_not_observed:7"} <= resolved(outcomes)


def test_unable_to_locate_is_a_critical_missing_resident_named_only_by_display_name():
    outcomes = check_outcomes(check(location="unable_to_locate", state="not_seen"), after(), T, GRACE)
    missing = [o for o in outcomes if isinstance(o, AlertDraft)]
    assert drafts(outcomes) == [("resident_missing", "critical")]
    assert missing[0].message == "Unable to locate Ana R. · N101" and missing[0].source_uid == "u1"
    assert "resident_missing:7" not in resolved(outcomes)


def test_asleep_without_breathing_observed_is_critical_and_with_it_is_fine():
    assert drafts(check_outcomes(check(state="asleep", breathing_observed=False), after(), T, GRACE)) == [
        ("breathing_not_observed", "critical")
    ]
    assert drafts(check_outcomes(check(state="asleep", breathing_observed=True), after(), T, GRACE)) == []


def test_agitation_is_a_warning_and_self_harm_behaviour_is_critical():
    assert drafts(check_outcomes(check(state="agitated"), after(), T, GRACE)) == [("behavior_change", "warning")]
    assert drafts(check_outcomes(check(state="self_harm_behavior"), after(), T, GRACE)) == [
        ("behavior_change", "critical")
    ]


def test_a_calmer_later_check_clears_a_behaviour_change():
    assert {"behavior_change:7:agitated", "behavior_change:7:self_harm_behavior"} <= resolved(
        check_outcomes(check(), after(), T, GRACE)
    )


def test_a_late_entered_older_check_clears_nothing_a_later_check_says():
    old = check(location="courtyard", occurred_at=T - timedelta(minutes=10))
    outcomes = check_outcomes(old, after(last=T), T + timedelta(minutes=1), GRACE)
    assert "resident_missing:7" not in resolved(outcomes)


def test_a_late_entered_check_that_leaves_the_resident_overdue_keeps_the_alert_open():
    now = T + timedelta(minutes=40)
    outcomes = check_outcomes(
        check(occurred_at=T + timedelta(minutes=20)), after(last=T + timedelta(minutes=20)), now, GRACE
    )
    assert "check_overdue:7" not in resolved(outcomes)


def rounds(level, last, rid=7):
    return ResidentRounds(rid, 1, "Ana R. · N101", RoundState(level, T - timedelta(days=1), last))


def test_the_sweep_raises_check_overdue_at_due_plus_grace_critical_for_close_levels():
    now = T + timedelta(minutes=17)
    outcomes = overdue_outcomes(
        [rounds(L.Q15, T), rounds(L.Q5, T, 8), rounds(L.ONE_TO_ONE, T, 9)], set(), now, GRACE, ZONE
    )
    assert drafts(outcomes) == [("check_overdue", "critical")] * 3
    assert outcomes[0].condition == "check_overdue:7" and "(due 07:15)" in outcomes[0].message


def test_the_sweep_makes_missed_q30_and_q60_checks_warnings():
    now = T + timedelta(hours=2)
    assert (
        drafts(overdue_outcomes([rounds(L.Q30, T), rounds(L.Q60, T, 8)], set(), now, GRACE, ZONE))
        == [("check_overdue", "warning")] * 2
    )


def test_the_sweep_keeps_one_open_alert_per_resident():
    now = T + timedelta(minutes=30)
    assert overdue_outcomes([rounds(L.Q15, T)], {"check_overdue:7"}, now, GRACE, ZONE) == []


def test_the_sweep_resolves_alerts_that_no_longer_hold_or_whose_resident_left():
    outcomes = overdue_outcomes(
        [rounds(L.Q60, T)], {"check_overdue:7", "check_overdue:99"}, T + timedelta(minutes=20), GRACE, ZONE
    )
    assert resolved(outcomes) == {"check_overdue:7", "check_overdue:99"}
