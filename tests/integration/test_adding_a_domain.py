"""A domain is its package and one line in the domain list: a throwaway one, added through `domains=` alone.

The app of this module is built for each test rather than reused: the reused app was made from the
application's own list, and a domain's pages can only be mounted when an app is made (about 0.2 s).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from facility import config as settings
from facility import create_app
from facility.domains import DOMAINS
from tests.conftest import MIDSHIFT, Clock, iso, new_uid
from tests.integration import visits

SHIFT_END = MIDSHIFT + timedelta(hours=3)  # 15:00 in New York, the end of the day shift


@pytest.fixture
def clock():
    return Clock.at(MIDSHIFT)


@pytest.fixture
def app(database_url, clock):
    """The application's domains and the visits domain, on this test's database."""
    config = settings.TestingConfig(database_url)
    config.CLOCK = clock
    app = create_app(config, domains=[*DOMAINS, visits.DOMAIN])
    yield app
    app.extensions["facility_db"].engine.dispose()


def visit(worker, clock, visitor="Ann Ames", minutes=40, resident_id=4):
    body = {
        "uid": new_uid(),
        "resident_id": resident_id,
        "occurred_at": iso(clock.now),
        "visitor": visitor,
        "minutes": minutes,
    }
    return worker.post("/api/v1/sync", json={"records": [{"type": "visit", "body": body}]})


def test_a_visit_sent_through_sync_is_stored_handled_and_listed_on_the_domains_page(login, clock):
    worker = login("worker1")
    answer = visit(worker, clock)
    [result] = answer.get_json()["results"]
    assert answer.status_code == 200 and result["status"] == 201, result
    assert result["uid"] in visits.HANDLED
    page = worker.get("/units/1/visits")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Ann Ames, 40 min" in html and 'href="/units/1/visits"' in html  # the page, and its link in the header
    assert worker.get("/units/2/visits").status_code == 404  # another unit's visits stay there
    timeline = worker.get("/residents/4").get_data(as_text=True)
    assert "visited by Ann Ames" in timeline


def test_a_visit_is_in_the_shifts_handoff_section_and_on_the_residents_line(login, clock):
    assert visit(login("worker1"), clock, visitor="Bo Brandt").get_json()["results"][0]["status"] == 201
    clock.now = SHIFT_END + timedelta(minutes=1)
    lead = login("lead1")
    built = lead.post("/api/v1/handoffs", json={"unit_id": 1})
    assert built.status_code == 201, built.get_json()
    summary = lead.get(f"/api/v1/handoffs/{built.get_json()['id']}").get_json()["summary"]
    assert summary["visits"] == {"count": 1, "visitors": ["Bo Brandt"]}
    [resident] = [r for r in summary["residents"] if r["resident_id"] == 4]
    assert "visited by Bo Brandt" in resident["events"]
    page = lead.get(f"/handoffs/{built.get_json()['id']}").get_data(as_text=True)
    assert 'id="handoff-visits"' in page and "1 this shift: Bo Brandt" in page
