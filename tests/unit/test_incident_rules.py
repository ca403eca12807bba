"""Pure incident and episode rules: order lengths by age, the episode clocks, and the alerts they call for."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from facility.incidents.rules import (
    RunningEpisode,
    SubmittedIncident,
    age_on,
    clocks,
    ended_outcomes,
    episode_outcomes,
    first_order_expires,
    incident_severity,
    opened_outcomes,
    order_length,
    renewed_expiry,
    submitted_outcomes,
)
from facility.outcomes import AlertDraft, Resolve

NY = ZoneInfo("America/New_York")
START = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)  # 12:00 EDT


def local(day: str, hhmm: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=NY).astimezone(UTC)


@pytest.mark.parametrize(
    ("born", "hours"),
    [
        (date(2008, 6, 10), 4),  # 18 today
        (date(2008, 6, 11), 2),  # 18 tomorrow
        (date(2017, 6, 10), 2),  # 9 today
        (date(2017, 6, 11), 1),  # 9 tomorrow
        (date(1970, 1, 1), 4),
        (date(2020, 2, 29), 1),
    ],
)
def test_the_order_lasts_4_hours_from_18_2_hours_from_9_and_1_hour_under_9_by_age_on_the_day(born, hours):
    assert order_length(born, START, NY) == timedelta(hours=hours)


def test_the_age_counts_on_the_local_day_of_the_start_not_the_utc_day():
    born = date(2008, 6, 11)  # 18 on 11 June
    late_evening = local("2026-06-10", "22:30")  # already 11 June in UTC
    assert late_evening.date() == date(2026, 6, 11)
    assert order_length(born, late_evening, NY) == timedelta(hours=2)
    assert order_length(born, local("2026-06-11", "00:00"), NY) == timedelta(hours=4)


def test_a_leap_day_birthday_comes_on_the_first_of_march_in_other_years():
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18


def test_the_first_order_runs_from_the_earlier_of_start_and_order():
    four = timedelta(hours=4)
    assert first_order_expires(START, START + timedelta(minutes=10), four) == START + four
    assert first_order_expires(START, START - timedelta(minutes=20), four) == START + timedelta(hours=3, minutes=40)


def test_a_renewal_runs_from_its_order_and_never_past_24_hours_from_the_start():
    four = timedelta(hours=4)
    assert renewed_expiry(START, START + timedelta(hours=3, minutes=50), four) == START + timedelta(hours=7, minutes=50)
    assert renewed_expiry(START, START + timedelta(hours=22), four) == START + timedelta(hours=24)


def test_the_clocks_of_a_running_episode_count_from_the_start_and_the_last_check():
    c = clocks(START, START + timedelta(hours=4), None, None, None)
    assert (c.face_to_face_due_at, c.next_monitoring_due_at) == (
        START + timedelta(hours=1),
        START + timedelta(minutes=15),
    )
    later = clocks(
        START, START + timedelta(hours=4), START + timedelta(minutes=12), START + timedelta(minutes=30), None
    )
    assert later.next_monitoring_due_at == START + timedelta(minutes=27) and later.face_to_face_due_at is None
    ended = clocks(START, START + timedelta(hours=4), None, None, START + timedelta(minutes=20))
    assert ended.next_monitoring_due_at is None and ended.face_to_face_due_at == START + timedelta(hours=1)
    assert c.total_limit_at == START + timedelta(hours=24)


def episode(**over) -> RunningEpisode:
    values = dict(
        id=7,
        uid="u-7",
        unit_id=1,
        resident_id=3,
        display_name="Cora L. · N103",
        kind="physical_hold",
        started_at=START,
        order_expires_at=START + timedelta(hours=4),
        last_monitored_at=None,
        face_to_face_at=None,
    )
    return RunningEpisode(**{**values, **over})


def raised(outcomes) -> dict[str, str]:
    return {o.kind: o.severity for o in outcomes if isinstance(o, AlertDraft)}


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (14, {}),
        (15, {"monitoring_overdue": "warning"}),
    ],
)
def test_monitoring_is_overdue_15_minutes_after_the_start_without_a_check(minutes, expected):
    assert raised(episode_outcomes(episode(), START + timedelta(minutes=minutes), NY)) == expected


def test_a_check_restarts_the_monitoring_clock_and_clears_the_alert():
    outcomes = episode_outcomes(
        episode(last_monitored_at=START + timedelta(minutes=16)), START + timedelta(minutes=20), NY
    )
    assert "monitoring_overdue" not in raised(outcomes)
    assert Resolve("monitoring_overdue:7", "monitoring documented") in outcomes


def test_the_face_to_face_is_due_at_45_minutes_and_overdue_and_critical_at_60():
    def at(minutes):
        now = START + timedelta(minutes=minutes)
        return raised(episode_outcomes(episode(last_monitored_at=now), now, NY))

    assert at(44) == {}
    assert at(45) == {"face_to_face_due": "warning"}
    assert at(59) == {"face_to_face_due": "warning"}
    assert at(60) == {"face_to_face_overdue": "critical"}
    done = episode(face_to_face_at=START + timedelta(minutes=50), last_monitored_at=START + timedelta(minutes=60))
    assert raised(episode_outcomes(done, START + timedelta(minutes=61), NY)) == {}


def test_the_order_is_expiring_15_minutes_before_its_end_and_expired_and_critical_at_it():
    def at(minutes):
        now = START + timedelta(minutes=minutes)
        ep = episode(
            last_monitored_at=now,
            face_to_face_at=START + timedelta(minutes=30),
            order_expires_at=START + timedelta(hours=2),
        )
        return raised(episode_outcomes(ep, now, NY))

    assert at(104) == {}
    assert at(105) == {"order_expiring": "warning"}
    assert at(120) == {"order_expired": "critical"}


def test_an_ended_episode_resolves_every_alert_of_its_clocks():
    kinds = {o.condition.split(":")[0] for o in ended_outcomes(7)}
    assert kinds == {
        "restraint_started",
        "monitoring_overdue",
        "face_to_face_due",
        "face_to_face_overdue",
        "order_expiring",
        "order_expired",
    }


@pytest.mark.parametrize(
    ("severity", "interventions", "injured", "level"),
    [
        ("moderate", ("verbal_deescalation", "prn_offered"), False, "warning"),
        ("low", (), False, "warning"),
        ("high", (), False, "critical"),
        ("critical", (), False, "critical"),
        ("low", (), True, "critical"),
        ("moderate", ("verbal_deescalation", "physical_hold"), False, "critical"),
        ("low", ("mechanical_restraint",), False, "critical"),
        ("low", ("seclusion",), False, "critical"),
    ],
)
def test_a_submitted_incident_is_critical_for_high_severity_injury_or_restriction(
    severity, interventions, injured, level
):
    assert incident_severity(severity, interventions, injured) == level


def test_the_incident_alert_names_the_residents_by_display_name_only():
    [draft] = submitted_outcomes(
        SubmittedIncident(
            5,
            "u-5",
            1,
            (3, 4),
            ("Cora L. · N103", "Dev P. · N104"),
            "physical_aggression_peer",
            "moderate",
            ("physical_hold",),
            False,
        )
    )
    assert draft.kind == "incident_submitted" and draft.severity == "critical" and draft.resident_id == 3
    assert "Cora L. · N103, Dev P. · N104" in draft.message and "physical hold" in draft.message


def test_each_incident_and_episode_kind_reads_as_one_plain_line():
    from facility.domain import Registry
    from facility.domains import DOMAINS

    registry = Registry(DOMAINS)
    assert (
        registry.describe(
            "incident.submitted",
            {
                "severity": "high",
                "category": "physical_aggression_staff",
                "interventions": ["verbal_deescalation", "physical_hold"],
            },
        )
        == "incident (high): physical aggression staff — verbal deescalation, physical hold"
    )
    assert (
        registry.describe("episode.started", {"kind": "seclusion", "ordered_by": "Dr Osei", "order_minutes": 120})
        == "seclusion started, ordered by Dr Osei for 2 h"
    )
    assert registry.describe("episode.monitored", {"state": "calm"}) == "restraint/seclusion monitoring: calm"
    kinds = [k for k in registry.kinds if k.startswith(("incident.", "episode."))]
    assert (
        registry.describe("episode.opened", {"kind": "physical_hold", "incident_id": 7})
        == "physical hold reported on incident #7: episode opened, to complete"
    )
    assert (
        registry.describe("incident.mandated_report", {"agency": "Adult Protective Services", "method": "in_person"})
        == "mandated report to Adult Protective Services (in person)"
    )
    assert len(kinds) == 15 and all(registry.kinds[k].describe is not None for k in kinds)


def test_an_episode_opened_from_a_report_tells_the_nurses_to_complete_it_and_its_order_clock_waits_for_the_order():
    waiting = episode(order_expires_at=None)
    [task] = opened_outcomes(waiting, 12, NY)
    assert (task.kind, task.severity, task.condition) == ("restraint_started", "critical", "restraint_started:7")
    assert "incident #12" in task.message and "to complete: enter the order" in task.message
    later = raised(episode_outcomes(waiting, START + timedelta(hours=5), NY))
    assert later == {"monitoring_overdue": "warning", "face_to_face_overdue": "critical"}  # no order_expired
