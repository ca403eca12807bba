"""The reports page lists what the domains declare; the rounds report reads as a table per shift."""

import pytest

from tests.conftest import MIDSHIFT, Clock
from tests.integration.rounds_helpers import check_body


@pytest.fixture
def clock():
    """Noon on the unit: the demo's checks of today all fall in today's bar (just after midnight they would not)."""
    return Clock.at(MIDSHIFT)


def test_a_nurse_finds_the_rounds_report_of_her_unit_and_reads_it(login, clock):
    login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=2))
    nurse = login("nurse1")
    index = nurse.get("/reports")
    assert index.status_code == 200 and "North: rounds compliance" in index.get_data(as_text=True)
    page = nurse.get("/reports/rounds?unit_id=1")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Rounds compliance · North" in text and "due were on time" in text
    assert "Ben O." in text  # residents by first name and initial only
    assert nurse.get("/reports/rounds?unit_id=2").status_code == 404


def test_a_worker_has_no_reports_and_a_bad_range_is_said_on_the_page(login):
    assert "North: rounds compliance" not in login("worker1").get("/reports").get_data(as_text=True)
    assert login("worker1").get("/reports/rounds?unit_id=1").status_code == 403
    page = login("lead1").get("/reports/rounds?unit_id=1&from_local=2026-06-10T10:00&to_local=2026-06-01T10:00")
    assert page.status_code == 200 and "must be after from" in page.get_data(as_text=True)


def test_the_rounds_report_draws_each_shift_as_a_bar_described_in_words(login, clock):
    worker = login("worker1")
    worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=2))
    text = login("lead1").get("/reports/rounds?unit_id=1").get_data(as_text=True)
    assert '<svg role="img" aria-label="Checks on time, % per shift:' in text
    assert text.count("<rect ") >= 1 and "<title>" in text


def test_the_reports_page_charts_thirty_days_of_on_time_and_validated_checks_with_staff(login, clock):
    codes = login("lead1").get("/api/v1/units/1/presence-codes").get_json()
    band = next(c["token"] for c in codes if c["kind"] == "wristband" and c["resident_id"] == 2)
    worker = login("worker1")
    for body in (
        check_body(clock, resident_id=2, presence={"method": "scanned", "token": band}),
        check_body(clock, resident_id=3, presence={"method": "tapped", "reason": "camera broken"}),
    ):
        assert worker.post("/api/v1/rounds/checks", json=body).status_code == 201
    clock.advance(seconds=1)
    text = login("lead1").get("/reports").get_data(as_text=True)
    assert "North: rounds, last 30 days" in text
    for title in ("Checks on time, % per day", "Checks validated by a scan, % per day"):
        label = text.split(f'aria-label="{title}:', 1)[1].split('"', 1)[0]
        assert label.count(";") == 29  # thirty days, each said in words
    assert "By staff member, last 30 days" in text and "Wren Walker" in text and "camera broken (1)" in text
    assert "validated by a scan, % per day" in text and " 7.1 %" in text  # 1 of the 14 checks so far scanned
    assert "rounds, last 30 days" not in login("worker1").get("/reports").get_data(as_text=True)


def test_the_charts_have_labelled_axes_values_on_hover_and_a_table_of_every_figure(login, clock):
    login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=2))
    clock.advance(seconds=1)
    text = login("lead1").get("/reports").get_data(as_text=True)
    chart = text.split('<figure class="bar-chart">', 1)[1].split("</figure>", 1)[0]
    ticks = [t.split(">", 1)[1].split("<", 1)[0] for t in chart.split('class="tick"')[1:]]
    assert ticks == ["0", "50", "100 %"]  # the value axis says what a bar's height means
    labels = [t.split(">", 1)[1].split("<", 1)[0] for t in chart.split('class="label"')[1:]]
    assert 5 <= len(labels) <= 8 and all(len(label.split()) == 2 for label in labels)  # dates like "03 Dec"
    today = chart.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[-1]
    day, figure = today.split('<th scope="row">', 1)[1].split("</th>", 1)[0], today.split("<td>", 1)[1].split("<", 1)[0]
    assert figure != "—" and f"<title>{day}: {figure} %</title>" in chart  # the same figure on hover and in the table
    assert chart.count("<tr>") == 31  # a header and thirty days
