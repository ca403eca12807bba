"""GET /api/v1/reports/rounds on a scripted morning: figures per shift and resident."""

from datetime import UTC, datetime

import pytest

from tests.conftest import Clock
from tests.integration.rounds_helpers import check_body, notifier  # noqa: F401

pytestmark = pytest.mark.usefixtures("notifier")
SHIFT_START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # 07:00 in New York


@pytest.fixture
def clock():
    """The demo opens at 06:50 local, ten minutes before the day shift."""
    fixed = Clock()
    fixed.now = datetime(2026, 3, 2, 11, 50, tzinfo=UTC)
    return fixed


def report(client, **query):
    query = {"unit_id": 1, "from": "2026-03-02T12:00:00+00:00", "to": "2026-03-02T13:00:00+00:00", **query}
    return client.get("/api/v1/reports/rounds", query_string=query)


def scripted_morning(login, clock):
    """Resident 1 (q15) seen at 06:55, 07:00, 07:10, 07:20, then not until 07:50; the report is read at 08:00."""
    for step in (5, 5, 10, 10, 30):
        clock.advance(minutes=step)
        assert login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=1)).status_code == 201
    clock.advance(minutes=10)


def test_compliance_counts_checks_on_time_missed_and_the_longest_gap_per_resident(login, clock):
    scripted_morning(login, clock)
    answer = report(login("lead1"))
    assert answer.status_code == 200
    [shift] = answer.get_json()["shifts"]
    assert shift["shift_start"] == "2026-03-02T12:00:00+00:00" and "07:00–15:00 EST" in shift["label"]
    ana = next(r for r in shift["residents"] if r["resident_id"] == 1)
    assert (ana["checks"], ana["on_time"], ana["late"], ana["missed"]) == (4, 3, 1, 1)
    assert ana["display_name"] == "Ana R. · N101"
    assert ana["longest_gap"] == {
        "resident_id": 1,
        "display_name": "Ana R. · N101",
        "minutes": 30,
        "start": "2026-03-02T12:20:00+00:00",
        "end": "2026-03-02T12:50:00+00:00",
        "open": False,
    }
    assert len(shift["residents"]) == 12 and shift["checks"] == 4


def test_a_resident_not_seen_all_shift_shows_as_missed_with_an_open_gap(login, clock):
    scripted_morning(login, clock)
    [shift] = report(login("nurse1")).get_json()["shifts"]
    q30 = next(r for r in shift["residents"] if r["resident_id"] == 3)
    assert q30["checks"] == 0 and q30["missed"] >= 1 and q30["longest_gap"]["open"] is True
    assert shift["percent_on_time"] < 100


def test_a_range_across_a_shift_change_answers_each_shift(login, clock):
    clock.now = datetime(2026, 3, 2, 21, 0, tzinfo=UTC)
    answer = report(login("lead1"), **{"from": "2026-03-02T19:00:00+00:00", "to": "2026-03-02T21:00:00+00:00"})
    assert [s["label"][-15:] for s in answer.get_json()["shifts"]] == ["07:00–15:00 EST", "15:00–23:00 EST"]


@pytest.mark.parametrize("username,unit_id,status", [("worker1", 1, 403), ("lead1", 2, 404), ("admin", 1, 403)])
def test_only_nurses_and_leads_of_the_unit_read_the_report(login, username, unit_id, status):
    assert report(login(username), unit_id=unit_id).status_code == status


def test_a_backwards_or_naive_range_is_422_naming_the_field(login):
    lead = login("lead1")
    assert "to" in report(lead, to="2026-03-02T11:00:00+00:00").get_json()["errors"]
    assert "from" in report(lead, **{"from": "2026-03-02T11:00:00"}).get_json()["errors"]
