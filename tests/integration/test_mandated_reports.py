"""Suspected abuse or neglect must be reported to an outside agency within MANDATED_REPORT_HOURS: a mandated report
filed on the incident (nurse, lead, clinician), or `mandated_report_due` rings on the unit's consoles."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from facility.alerts.models import Alert
from tests.conftest import iso, new_uid
from tests.integration.incidents_helpers import desk, noon, notifier  # noqa: F401


def mandated(desk, incident_id, who=None, **over):
    body = {
        "uid": new_uid(),
        "agency": "Adult Protective Services",
        "reported_at": iso(desk.clock.now),
        "method": "phone",
        "reference": "APS-2026-0611",
        **over,
    }
    return (who or desk.nurse).post(f"/api/v1/incidents/{incident_id}/mandated-reports", json=body)


def due(desk):
    """(severity, resident_id, message) of the open mandated_report_due alerts."""
    with desk.app.app_context():
        session = desk.app.extensions["facility_db"].new_session()
        try:
            stmt = select(Alert).where(Alert.kind == "mandated_report_due", Alert.resolved_at.is_(None))
            return [(a.severity, a.resident_id, a.message) for a in session.scalars(stmt)]
        finally:
            session.close()


def test_an_unreported_suspicion_rings_after_the_hours_and_a_filed_report_answers_it(desk):
    report = desk.file(category="abuse_suspected", resident_ids=[1])
    desk.at(hours=23, minutes=40)  # the incident happened ten minutes before noon: 23 h 50 min later
    desk.sweep()
    assert due(desk) == []
    desk.at(hours=23, minutes=51)
    desk.sweep()
    [(severity, resident_id, message)] = due(desk)
    assert severity == "critical" and resident_id == 1
    assert f"Incident {report['id']} (suspected abuse" in message and "24 h" in message

    answer = mandated(desk, report["id"])
    assert answer.status_code == 201, answer.get_json()
    filed = answer.get_json()
    assert (filed["agency"], filed["method"], filed["reference"], filed["filed_by"]) == (
        "Adult Protective Services",
        "phone",
        "APS-2026-0611",
        "Nell Norris",
    )
    assert due(desk) == []  # answered at once, not at the next sweep
    desk.sweep()
    assert due(desk) == []
    [shown] = desk.read(report["id"])["mandated_reports"]
    assert shown["uid"] == filed["uid"]


def test_a_report_filed_in_time_never_rings_and_other_categories_never_ask(desk):
    reported = desk.file(category="neglect_suspected")
    assert mandated(desk, reported["id"]).status_code == 201
    desk.file(category="physical_aggression_peer")
    desk.at(days=2)
    desk.sweep()
    assert due(desk) == []


def test_who_may_file_what_is_checked_and_a_retry_stores_it_once(desk, login):
    report = desk.file(category="abuse_suspected")
    assert mandated(desk, report["id"], who=desk.worker).status_code == 403  # before the body is read
    assert mandated(desk, report["id"], who=login("clinician1")).status_code == 201
    bad = mandated(desk, report["id"], agency="", method="pigeon", reported_at="2026-06-10T12:00:00")
    assert bad.status_code == 422 and {"agency", "method", "reported_at"} <= set(bad.get_json()["errors"])
    early = mandated(desk, report["id"], reported_at=iso(desk.clock.now - timedelta(hours=2)))
    assert early.status_code == 422 and "reported_at" in early.get_json()["errors"]
    body = {"uid": new_uid(), "agency": "APS", "reported_at": iso(desk.clock.now), "method": "online"}
    first = desk.lead.post(f"/api/v1/incidents/{report['id']}/mandated-reports", json=body)
    again = desk.lead.post(f"/api/v1/incidents/{report['id']}/mandated-reports", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert len(desk.read(report["id"])["mandated_reports"]) == 2
    draft = desk.file(category="abuse_suspected", status="draft")
    assert mandated(desk, draft["id"]).status_code == 409
    assert mandated(desk, 99999).status_code == 404


def test_the_incident_page_says_a_report_is_missing_offers_the_form_and_then_lists_it(desk):
    report = desk.file(category="abuse_suspected")
    page = desk.nurse.get(f"/incidents/{report['id']}").get_data(as_text=True)
    assert 'id="mandated-missing"' in page and "within 24 hours" in page and 'data-action="mandated"' in page
    assert 'data-action="mandated"' not in desk.worker.get(f"/incidents/{report['id']}").get_data(as_text=True)
    assert mandated(desk, report["id"]).status_code == 201
    page = desk.nurse.get(f"/incidents/{report['id']}").get_data(as_text=True)
    assert 'id="mandated-missing"' not in page and "Adult Protective Services" in page and "APS-2026-0611" in page
    other = desk.file(category="fall")
    assert 'id="mandated"' not in desk.nurse.get(f"/incidents/{other['id']}").get_data(as_text=True)
