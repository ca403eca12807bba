"""`flask facility verify`: every projection table is folded again from the events and each difference is named
(table, row, field, never a value); the nightly job tells the leads and the admin page when the tables differ."""

import json
import re
from contextlib import contextmanager

import pytest
from sqlalchemy import select, text

from facility.alerts.models import Alert
from facility.alerts.rules import PROJECTION_MISMATCH
from facility.demo import FIRST, LAST
from facility.incidents.models import Incident
from tests.conftest import ON_POSTGRES
from tests.integration.incidents_helpers import desk, noon, notifier  # noqa: F401

LINE = re.compile(r"^[a-z_]+ row [^:]+: .+$")


def verify(app):
    return app.test_cli_runner().invoke(args=["facility", "verify"])


def tamper_narrative(session, incident_id: int, words: str) -> None:
    """What someone with the database's password can do: rewrite one field of the stored report."""
    if ON_POSTGRES:
        session.execute(
            text(
                "UPDATE incidents SET report = jsonb_set(report::jsonb, '{narrative}', "
                "to_jsonb(CAST(:words AS text)))::json WHERE id = :id"
            ),
            {"words": words, "id": incident_id},
        )
    else:
        session.execute(
            text("UPDATE incidents SET report = json_set(report, '$.narrative', :words) WHERE id = :id"),
            {"words": words, "id": incident_id},
        )
    session.commit()


def assert_no_phi(output: str) -> None:
    assert "TAMPERED" not in output and "talked both down" not in output
    for name in FIRST + LAST:
        assert not re.search(rf"\b{name}\b", output), name


@pytest.fixture
def worked(desk):
    """The demo after a shift's incident work: a report reviewed, a hold started, monitored and ended, an addendum."""
    incident = desk.file()
    assert desk.step(desk.nurse, incident["id"], "review", note="seen").status_code == 200
    episode = desk.start(incident["id"])
    desk.at(minutes=10)
    assert desk.on_episode(episode["id"], "monitoring", state="calm", checks=["breathing_ok"]).status_code == 201
    assert desk.on_episode(episode["id"], "end").status_code == 200
    return desk, incident


def test_a_demo_worked_through_the_api_matches_its_events(worked):
    desk, _incident = worked
    result = verify(desk.app)
    assert result.exit_code == 0, result.output
    assert "every projection matches the events" in result.output


def test_a_narrative_rewritten_below_the_api_is_named_by_table_row_and_field(worked, session):
    desk, incident = worked
    tamper_narrative(session, incident["id"], "TAMPERED")
    assert desk.read(incident["id"])["narrative"] == "TAMPERED"  # what the page would show: not the record
    result = verify(desk.app)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"incidents row {incident['id']} field report: differs from its events"]
    assert "1 differences" in result.stderr and "incidents" in result.stderr
    assert_no_phi(result.output)


def test_a_report_deleted_below_the_api_is_missed(worked, session):
    desk, incident = worked
    uid = session.scalar(select(Incident.uid).where(Incident.id == incident["id"]))
    session.execute(text("DELETE FROM episode_checks"))
    session.execute(text("DELETE FROM episode_orders"))
    session.execute(text("DELETE FROM episodes"))
    session.execute(text("DELETE FROM incident_steps WHERE incident_id = :id"), {"id": incident["id"]})
    session.execute(text("DELETE FROM incidents WHERE id = :id"), {"id": incident["id"]})
    session.commit()
    assert desk.nurse.get(f"/api/v1/incidents/{incident['id']}").status_code == 404
    result = verify(desk.app)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"incidents row uid={uid}: missing: its events say the row exists" in lines
    assert sum(line.startswith("incident_steps row") for line in lines) == 2  # submitted, reviewed
    assert any(line.startswith("episodes row") for line in lines)
    assert all(LINE.match(line) for line in lines)
    assert_no_phi(result.output)


def test_a_resident_moved_below_the_api_and_a_row_added_from_nowhere_are_named(demo, session):
    session.execute(text("UPDATE residents SET room = 'N999', observation_level = 'q60' WHERE id = 1"))
    session.execute(
        text(
            "INSERT INTO care_meals (uid, resident_id, occurred_at, meal, percent_eaten) "
            "SELECT 'not-an-event', 1, admitted_at, 'lunch', 10 FROM residents WHERE id = 1"
        )
    )
    session.commit()
    meal = session.scalar(text("SELECT id FROM care_meals WHERE uid = 'not-an-event'"))
    session.rollback()  # the test's session holds no lock while the command reads
    result = verify(demo)
    assert result.exit_code == 1
    assert set(result.stdout.splitlines()) == {
        "residents row 1 field room: differs from its events",
        "residents row 1 field observation_level: differs from its events",
        f"care_meals row {meal}: not derived from any event",
    }


@contextmanager
def database(app):
    """A session in an app context of its own, closed before any request (whose login must not leak into it)."""
    with app.app_context():
        s = app.extensions["facility_db"].new_session()
        try:
            yield s
        finally:
            s.close()


@pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL roles; SQLite has none")
def test_the_apps_own_role_may_rewrite_a_projection_but_not_unseen(worked, session):
    """facility_app keeps the projections, so it may write them; what it cannot do is make verify miss it."""
    from facility.domain import registry
    from facility.records.verify import verify as fold_and_compare

    desk, incident = worked
    session.execute(text("SET LOCAL ROLE facility_app"))
    tamper_narrative(session, incident["id"], "TAMPERED")
    session.execute(text("SET LOCAL ROLE facility_app"))
    verdict = fold_and_compare(session, registry().projections)
    session.rollback()
    assert [str(d) for d in verdict.differences] == [
        f"incidents row {incident['id']} field report: differs from its events"
    ]


def open_mismatches(app):
    with database(app) as session:
        return [
            (a.unit_id, a.severity, a.resident_id, a.message)
            for a in session.scalars(
                select(Alert).where(Alert.kind == PROJECTION_MISMATCH, Alert.resolved_at.is_(None))
            )
        ]


def test_the_nightly_check_alerts_leads_and_the_admin_page_only_while_the_tables_differ(worked, login):
    from facility.integrity import verify_projections

    desk, incident = worked
    verify_projections(desk.app, desk.clock.now)
    assert open_mismatches(desk.app) == []
    assert "projection-mismatch" not in login("admin").get("/admin").get_data(as_text=True)

    with database(desk.app) as session:
        stored = session.scalar(text("SELECT report FROM incidents WHERE id = :id"), {"id": incident["id"]})
        tamper_narrative(session, incident["id"], "TAMPERED")
    verify_projections(desk.app, desk.clock.now)
    raised = open_mismatches(desk.app)
    assert sorted(unit for unit, *_ in raised) == [1, 2]
    assert {(severity, resident) for _, severity, resident, _ in raised} == {("critical", None)}
    message = raised[0][3]
    assert "1 difference in incidents" in message and "flask facility verify" in message
    assert_no_phi(message)
    answer = desk.lead.get("/api/v1/alerts?unit_id=1&status=open")
    assert answer.status_code == 200, answer.get_json()
    assert [a["kind"] for a in answer.get_json()["items"] if a["kind"] == PROJECTION_MISMATCH] == [PROJECTION_MISMATCH]
    seen_by_nurse = desk.nurse.get("/api/v1/alerts?unit_id=1&status=open").get_json()["items"]
    assert PROJECTION_MISMATCH not in [a["kind"] for a in seen_by_nurse]
    page = login("admin").get("/admin").get_data(as_text=True)
    assert 'id="projection-mismatch"' in page and "1 difference in incidents" in page
    verify_projections(desk.app, desk.clock.now)  # still differing: still one alert per unit
    assert len(open_mismatches(desk.app)) == 2

    with database(desk.app) as session:  # put back as the events say: the next night's check resolves the alerts
        session.execute(
            text("UPDATE incidents SET report = :report WHERE id = :id"),
            {"report": stored if isinstance(stored, str) else json.dumps(stored), "id": incident["id"]},
        )
        session.commit()
    verify_projections(desk.app, desk.clock.now)
    assert open_mismatches(desk.app) == []
    assert "projection-mismatch" not in login("admin").get("/admin").get_data(as_text=True)


def test_the_check_is_scheduled_every_night(app):
    from facility.scheduler import jobs

    job = next(j for j in jobs(app) if j["id"] == "verify-projections")
    assert job["trigger"] == "cron" and job["hour"] == 3
