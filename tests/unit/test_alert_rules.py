"""Escalation and the other pure alert rules."""

from datetime import UTC, datetime, timedelta

from facility.alerts.rules import ESCALATED, Escalation, OpenAlert, Upgrade, cleared_by_discharge, escalation
from facility.outcomes import Resolve

NOW = datetime(2025, 3, 9, 12, 0, tzinfo=UTC)
TWO_MIN, TEN_MIN = timedelta(minutes=2), timedelta(minutes=10)


def open_alert(severity="critical", age=timedelta(0), kind="check_overdue", escalated_at=None, acknowledged=False):
    return OpenAlert(7, kind, severity, 1, 3, "Ana R. · N101 overdue", NOW - age, escalated_at, acknowledged)


def escalate(*alerts, critical=TWO_MIN, warning=TEN_MIN):
    return escalation(list(alerts), NOW, critical, warning)


def test_a_critical_alert_unacknowledged_for_two_minutes_is_escalated_to_the_leads():
    [action] = escalate(open_alert(age=TWO_MIN))
    assert isinstance(action, Escalation) and action.alert_id == 7
    assert action.draft.kind == ESCALATED and action.draft.severity == "critical"
    assert action.draft.unit_id == 1 and action.draft.resident_id == 3
    assert action.draft.condition == "escalated:7" and "2 min" in action.draft.message


def test_a_critical_alert_younger_than_the_threshold_waits():
    assert escalate(open_alert(age=TWO_MIN - timedelta(seconds=1))) == []


def test_acknowledged_alerts_are_never_escalated():
    assert escalate(open_alert(age=TEN_MIN * 3, acknowledged=True)) == []
    assert escalate(open_alert("warning", age=TEN_MIN * 3, acknowledged=True)) == []


def test_an_escalation_is_not_itself_escalated():
    assert escalate(open_alert(age=TEN_MIN, kind=ESCALATED)) == []


def test_a_warning_unacknowledged_for_ten_minutes_becomes_critical():
    assert escalate(open_alert("warning", age=TEN_MIN)) == [Upgrade(7)]
    assert escalate(open_alert("warning", age=TEN_MIN - timedelta(seconds=1))) == []


def test_an_upgraded_warning_reaches_the_leads_two_minutes_after_the_upgrade():
    upgraded_at = NOW - timedelta(minutes=1)
    assert escalate(open_alert(age=TEN_MIN + TWO_MIN, escalated_at=upgraded_at)) == []
    [action] = escalate(open_alert(age=TEN_MIN + TWO_MIN, escalated_at=NOW - TWO_MIN))
    assert isinstance(action, Escalation)


def test_info_alerts_are_never_escalated():
    assert escalate(open_alert("info", age=TEN_MIN * 6)) == []


def test_thresholds_are_parameters():
    assert escalate(open_alert(age=timedelta(seconds=30)), critical=timedelta(seconds=30)) != []
    assert escalate(open_alert("warning", age=timedelta(minutes=1)), warning=timedelta(minutes=1)) == [Upgrade(7)]


def test_a_discharge_resolves_every_open_condition_of_the_resident():
    assert cleared_by_discharge(["a", "b"]) == [
        Resolve("a", "resident discharged"),
        Resolve("b", "resident discharged"),
    ]
    assert cleared_by_discharge([]) == []
