"""The FHIR bulk export's edges: cancelling, scope and callers, audit, failures, parts, and old jobs."""

from __future__ import annotations

import uuid

from tests.integration.fhir_helpers import by_type, fhir, ok, record_a_morning, validate  # noqa: F401
from tests.integration.incidents_helpers import desk, noon, notifier  # noqa: F401
from tests.integration.rounds_helpers import check_body


def test_delete_cancels_and_the_status_then_answers_404(fhir):
    status = fhir.started_job(fhir.kick())
    answer = fhir.lead.http.delete(status, headers={"X-CSRFToken": fhir.lead.csrf})
    assert answer.status_code == 202
    fhir.run()  # the job finds itself cancelled and writes nothing
    assert fhir.lead.get(status).status_code == 404
    with fhir.desk.app.app_context():
        from sqlalchemy import func, select

        from facility.interop.models import ExportFile

        session = fhir.desk.app.extensions["facility_db"].new_session()
        assert session.scalar(select(func.count()).select_from(ExportFile)) == 0
        session.close()


def test_a_job_cancelled_while_it_runs_stops_and_keeps_no_files(fhir, monkeypatch):
    from facility.interop import jobs

    record_a_morning(fhir.desk)
    status = fhir.started_job(fhir.kick())
    real_flush = jobs.Writer.flush
    cancelled = []

    def flush_then_cancel(self, resource_type):
        real_flush(self, resource_type)
        if not cancelled:
            cancelled.append(fhir.lead.http.delete(status, headers={"X-CSRFToken": fhir.lead.csrf}).status_code)

    monkeypatch.setattr(jobs.Writer, "flush", flush_then_cancel)
    fhir.run()
    assert cancelled == [202]
    assert fhir.lead.get(status).status_code == 404
    with fhir.desk.app.app_context():
        from sqlalchemy import func, select

        from facility.interop.models import ExportFile, ExportJob

        session = fhir.desk.app.extensions["facility_db"].new_session()
        assert session.scalar(select(func.count()).select_from(ExportFile)) == 0
        assert session.scalar(select(ExportJob.state)) == "canceled"
        session.close()


def test_a_group_export_covers_one_unit_and_another_units_group_is_404(fhir, login):
    admin = login("admin")
    record_a_morning(fhir.desk)
    status = fhir.started_job(fhir.kick("/fhir/Group/2/$export", client=admin))
    fhir.run()
    manifest = admin.get(status).get_json()
    resources = fhir.resources(manifest, client=admin)
    assert {p["id"] for p in by_type(resources, "Patient")} == {str(n) for n in range(13, 25)}
    assert by_type(resources, "MedicationAdministration") == []  # North's doses stay out
    (group,) = by_type(resources, "Group")
    assert group["id"] == "2" and group["quantity"] == 12
    answer = fhir.kick("/fhir/Group/2/$export")  # the lead works on North only
    assert answer.status_code == 404
    assert answer.get_json()["resourceType"] == "OperationOutcome"


def test_patient_export_holds_the_residents_of_the_callers_units(fhir):
    manifest = fhir.export("/fhir/Patient/$export", _type="Patient")
    assert len(fhir.resources(manifest)) == 12


def test_another_caller_finds_neither_the_status_nor_the_files(fhir, login):
    manifest = fhir.export(_type="Patient")
    status = "/fhir/bulk/" + manifest["output"][0]["url"].split("/bulk/")[1].split("/")[0]
    admin = login("admin")  # may export too, but did not start this one
    assert admin.get(status).status_code == 404
    assert admin.get(manifest["output"][0]["url"].removeprefix("http://localhost")).status_code == 404
    assert admin.http.delete(status, headers={"X-CSRFToken": admin.csrf}).status_code == 404
    assert fhir.lead.get(status).status_code == 200


def test_a_nurse_may_not_export_and_nobody_without_a_login(fhir):
    answer = fhir.kick(client=fhir.desk.nurse)
    assert answer.status_code == 403
    assert answer.get_json()["issue"][0]["code"] == "forbidden"
    anonymous = fhir.desk.app.test_client().get("/fhir/$export", headers={"Prefer": "respond-async"})
    assert anonymous.status_code == 401
    assert anonymous.get_json()["issue"][0]["code"] == "login"
    assert fhir.started == []


def test_each_kick_off_and_each_download_is_audited_with_the_requester(fhir):
    manifest = fhir.export(_type="Patient,Location")
    fhir.resources(manifest)
    with fhir.desk.app.app_context():
        from sqlalchemy import select

        from facility.records.models import AuditEntry

        session = fhir.desk.app.extensions["facility_db"].new_session()
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.user_id, AuditEntry.target).where(AuditEntry.action.like("fhir.%"))
        ).all()
        session.close()
    assert sorted(rows) == [
        ("fhir.export", 5, "user:5"),
        ("fhir.export.download", 5, "user:5"),
        ("fhir.export.download", 5, "user:5"),
    ]


def test_the_requester_key_names_a_token_when_the_caller_is_one():
    from types import SimpleNamespace

    from facility.interop.services import requester_key

    assert requester_key(SimpleNamespace(id=7)) == "user:7"
    assert requester_key(SimpleNamespace(id=None, token_id=3)) == "token:3"


def test_a_failed_job_answers_an_operation_outcome(fhir, monkeypatch):
    from facility.interop import gather

    def broken(_session, _scope):
        raise RuntimeError("the disk is full")
        yield []

    monkeypatch.setitem(gather.READERS, "Patient", broken)
    status = fhir.started_job(fhir.kick(_type="Patient"))
    fhir.run()
    answer = fhir.lead.get(status)
    assert answer.status_code == 500
    assert validate(answer.get_json()).issue[0].code == "exception"


def test_an_amended_check_is_exported_as_amended_and_a_voided_one_not_at_all(fhir):
    desk = fhir.desk
    kept = ok(desk.worker.post("/api/v1/rounds/checks", json=check_body(desk.clock, 7, state="anxious")))
    gone = ok(desk.worker.post("/api/v1/rounds/checks", json=check_body(desk.clock, 8, state="tearful")))
    correction = {"uid": str(uuid.uuid4()), "reason": "entered wrongly", "data": {"location": "dayroom"}}
    ok(desk.worker.post(f"/api/v1/events/{kept['uid']}/amend", json=correction))
    ok(desk.worker.post(f"/api/v1/events/{gone['uid']}/void", json={"uid": str(uuid.uuid4()), "reason": "wrong one"}))
    observations = by_type(fhir.resources(fhir.export(_type="Observation")), "Observation")
    uids = {o["identifier"][0]["value"]: o for o in observations}
    amended = uids[f"urn:uuid:{kept['uid']}"]
    assert amended["status"] == "amended"
    assert amended["component"][0]["valueCodeableConcept"]["coding"][0]["code"] == "check-location.dayroom"
    assert f"urn:uuid:{gone['uid']}" not in uids


def test_a_type_with_more_lines_than_a_file_holds_is_written_in_parts(fhir, monkeypatch):
    from facility.interop import jobs

    monkeypatch.setattr(jobs, "LINES_PER_FILE", 5)
    manifest = fhir.export(_type="Patient")
    assert [entry["count"] for entry in manifest["output"]] == [5, 5, 2]
    assert len({entry["url"] for entry in manifest["output"]}) == 3
    assert sorted(int(p["id"]) for p in fhir.resources(manifest)) == list(range(1, 13))


def test_unknown_fhir_paths_and_malformed_job_ids_are_404_operation_outcomes(fhir):
    for path in ("/fhir/Bogus", "/fhir/bulk/not-a-job", "/fhir/bulk/" + "0" * 32, "/fhir/Group/0/$export"):
        answer = fhir.kick(path)
        assert answer.status_code == 404, path
        assert answer.get_json()["resourceType"] == "OperationOutcome", path
        assert answer.get_json()["issue"][0]["code"] == "not-found"


def test_a_file_is_not_served_before_its_export_is_done(fhir):
    from facility.interop.models import ExportFile

    status = fhir.started_job(fhir.kick(_type="Patient"))
    job_id = status.rsplit("/", 1)[1]
    with fhir.desk.app.app_context():
        session = fhir.desk.app.extensions["facility_db"].new_session()
        session.add(ExportFile(job_id=job_id, resource_type="Patient", part=1, count=1, body="{}\n"))
        session.commit()
        file_id = session.query(ExportFile.id).scalar()
        session.close()
    assert fhir.lead.get(f"{status}/files/{file_id}.ndjson").status_code == 404


def test_a_job_whose_process_died_is_reported_failed_after_ten_minutes_without_progress(fhir):
    status = fhir.started_job(fhir.kick(_type="Patient"))  # never run: as if the server restarted
    fhir.desk.clock.advance(minutes=9)
    assert fhir.lead.get(status).status_code == 202
    fhir.desk.clock.advance(minutes=2)
    answer = fhir.lead.get(status)
    assert answer.status_code == 500
    assert validate(answer.get_json()).issue[0].code == "incomplete"


def test_finished_jobs_and_their_files_go_a_day_later(fhir):
    from sqlalchemy import func, select

    from facility.interop.models import ExportFile, ExportJob

    manifest = fhir.export(_type="Patient")
    fhir.desk.clock.advance(hours=25)
    fhir.started_job(fhir.kick(_type="Location"))
    with fhir.desk.app.app_context():
        session = fhir.desk.app.extensions["facility_db"].new_session()
        assert session.scalar(select(func.count()).select_from(ExportJob)) == 1
        assert session.scalar(select(func.count()).select_from(ExportFile)) == 0
        session.close()
    assert fhir.lead.get(manifest["output"][0]["url"].removeprefix("http://localhost")).status_code == 404


def test_a_cancel_from_a_session_without_its_csrf_token_is_refused_and_the_job_goes_on(fhir):
    status = fhir.started_job(fhir.kick(_type="Patient"))
    answer = fhir.lead.http.delete(status)
    assert answer.status_code == 400
    assert answer.get_json()["resourceType"] == "OperationOutcome"
    fhir.run()
    assert fhir.lead.get(status).status_code == 200
