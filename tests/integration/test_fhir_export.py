"""The FHIR bulk export as a system client drives it: kick-off, progress, manifest, files, cancel, _type, _since."""

from __future__ import annotations

from tests.integration.fhir_helpers import by_type, fhir, record_a_morning, validate  # noqa: F401
from tests.integration.incidents_helpers import desk, noon, notifier  # noqa: F401


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
