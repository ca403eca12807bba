"""The demo's incident: a moderate report on North waiting for review, nothing running."""

from __future__ import annotations

from facility.incidents.demo import file_demo_incident
from tests.integration.incidents_helpers import desk, noon, notifier, open_alerts  # noqa: F401


def test_the_demo_report_is_submitted_moderate_and_waits_for_a_nurse(desk):
    with desk.app.app_context():
        session = desk.app.extensions["facility_db"].new_session()
        incident = file_demo_incident(session, desk.clock.now)
        session.commit()
        incident_id = incident.id
        session.close()
    report = desk.read(incident_id)
    assert (report["status"], report["severity"], report["episodes"]) == ("submitted", "moderate", [])
    assert [h["status"] for h in report["history"]] == ["submitted"]
    assert open_alerts(desk.app, "incident_submitted") == [("incident_submitted", "warning", 9)]
    listed = desk.nurse.get("/api/v1/incidents?unit_id=1&status=submitted").get_json()["items"]
    assert [i["id"] for i in listed] == [incident_id]


def test_the_test_suites_demo_has_no_incident(desk):
    assert desk.nurse.get("/api/v1/incidents?unit_id=1").get_json()["items"] == []
