"""The FHIR bulk export as a system client drives it: kick-off, progress, manifest, files, cancel, _type, _since."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from tests.integration.fhir_helpers import by_type, fhir, ok, record_a_morning, validate  # noqa: F401
from tests.integration.incidents_helpers import desk, noon, notifier  # noqa: F401
from tests.integration.rounds_helpers import check_body

NEW_YORK = ZoneInfo("America/New_York")


def test_metadata_is_an_r4b_capability_statement_naming_the_export_and_the_code_system(fhir):
    answer = fhir.desk.app.test_client().get("/fhir/metadata")
    assert answer.status_code == 200
    assert answer.mimetype == "application/fhir+json"
    statement = validate(answer.get_json())
    assert statement.fhirVersion == "4.3.0"
    operations = {op.name: op.definition for op in statement.rest[0].operation}
    assert set(operations) == {"export", "patient-export", "group-export"}
    assert operations["export"] == "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export"
    (codes,) = statement.contained
    assert codes.url == "https://facility.example/fhir/CodeSystem/facility"
    groups = {concept.code: [c.code for c in concept.concept or []] for concept in codes.concept}
    assert "check-state.asleep" in groups["check-state"]
    assert "check-location.own_room" in groups["check-location"]
    assert "observation-level.one_to_one" in groups["observation-level"]
    assert "adl-activity.meal" in groups["adl-activity"]


def test_the_code_system_is_served_on_its_own(fhir):
    answer = fhir.desk.app.test_client().get("/fhir/CodeSystem/facility")
    assert answer.status_code == 200
    assert validate(answer.get_json()).url == "https://facility.example/fhir/CodeSystem/facility"


def test_an_export_runs_from_kick_off_to_manifest_and_files(fhir):
    record_a_morning(fhir.desk)
    status = fhir.started_job(fhir.kick())
    running = fhir.lead.get(status)
    assert running.status_code == 202
    assert running.headers["X-Progress"]
    fhir.run()
    manifest = fhir.lead.get(status).get_json()
    assert manifest["requiresAccessToken"] is True
    assert manifest["error"] == []
    assert manifest["request"] == "http://localhost/fhir/$export"
    assert manifest["transactionTime"].endswith("+00:00")
    types = [entry["type"] for entry in manifest["output"]]
    assert {"Patient", "Observation", "MedicationAdministration", "Procedure", "Practitioner"} <= set(types)
    resources = fhir.resources(manifest)
    assert len(by_type(resources, "Patient")) == 12  # North's residents only


def test_every_line_of_a_demo_export_is_r4b_and_every_reference_resolves_inside_it(fhir):
    record_a_morning(fhir.desk)
    resources = fhir.resources(fhir.export())
    present = {f"{r['resourceType']}/{r['id']}" for r in resources}
    assert len(present) == len(resources), "an id is used twice within a type"
    references: set[str] = set()
    for resource in resources:
        validate(resource)
        collect_references(resource, references)
    assert references, "the export refers to nothing"
    assert references - present == set()
    kinds = {r["resourceType"] for r in resources}
    assert kinds >= {
        "Patient",
        "Encounter",
        "Observation",
        "MedicationRequest",
        "MedicationAdministration",
        "Procedure",
        "AdverseEvent",
        "Goal",
        "Consent",
        "RelatedPerson",
        "Flag",
        "Practitioner",
        "Location",
        "Group",
    }


def collect_references(value, found: set[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "reference" and isinstance(item, str):
                found.add(item)
            else:
                collect_references(item, found)
    elif isinstance(value, list):
        for item in value:
            collect_references(item, found)


def test_a_kick_off_without_prefer_respond_async_is_a_400_operation_outcome_naming_it(fhir):
    answer = fhir.kick(headers={})
    assert answer.status_code == 400
    assert answer.mimetype == "application/fhir+json"
    body = validate(answer.get_json())
    assert body.issue[0].code == "invalid"
    assert body.issue[0].expression == ["Prefer"]
    assert fhir.started == []


def test_an_unknown_type_an_offsetless_since_and_a_wrong_format_are_400s_naming_the_parameter(fhir):
    for params, named in (
        ({"_type": "Patient,Bogus"}, "_type"),
        ({"_type": ""}, "_type"),
        ({"_since": "2026-06-10T08:00:00"}, "_since"),
        ({"_since": "yesterday"}, "_since"),
        ({"_outputFormat": "text/csv"}, "_outputFormat"),
    ):
        answer = fhir.kick(**params)
        assert answer.status_code == 400, params
        assert answer.get_json()["resourceType"] == "OperationOutcome"
        assert answer.get_json()["issue"][0]["expression"] == [named]
    assert fhir.started == []


def test_type_limits_the_files_to_the_types_asked_for(fhir):
    record_a_morning(fhir.desk)
    manifest = fhir.export(_type="Patient,MedicationAdministration")
    assert {entry["type"] for entry in manifest["output"]} == {"Patient", "MedicationAdministration"}
    resources = fhir.resources(manifest)
    assert len(by_type(resources, "MedicationAdministration")) == 2


def test_since_exports_only_records_stored_since_with_the_census_frame_whole(fhir):
    from tests.conftest import iso

    record_a_morning(fhir.desk)
    desk = fhir.desk
    desk.clock.advance(minutes=30)
    since = desk.clock.now
    desk.clock.advance(minutes=5)
    ok(desk.worker.post("/api/v1/rounds/checks", json=check_body(desk.clock, 6, state="tearful")))
    manifest = fhir.export(_since=iso(since.astimezone(NEW_YORK)))
    resources = fhir.resources(manifest)
    observations = by_type(resources, "Observation")
    assert [o["valueCodeableConcept"]["coding"][0]["code"] for o in observations] == ["check-state.tearful"]
    assert by_type(resources, "MedicationAdministration") == []
    assert len(by_type(resources, "Patient")) == 12  # the frame: every reference still resolves
    assert "/fhir/$export?_since=" in manifest["request"]


def test_no_query_of_an_export_reads_a_process_note(fhir):
    """A process note (45 CFR 164.501) never leaves its author: no statement of the export names one, so a reader
    that selected a whole table holding one (a therapy session's row) fails here."""
    from sqlalchemy import event

    record_a_morning(fhir.desk)
    status = fhir.started_job(fhir.kick())
    engine = fhir.desk.app.extensions["facility_db"].engine
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args):
        statements.append(statement.lower())

    event.listen(engine, "before_cursor_execute", seen)
    try:
        fhir.run()
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert fhir.lead.get(status).status_code == 200
    assert any("from events" in s for s in statements), "the listener saw the export's reads"
    assert [s for s in statements if "process_note" in s or "process note" in s] == []
