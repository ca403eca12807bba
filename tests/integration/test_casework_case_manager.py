"""A lead names a resident's primary case manager; the role case_manager and the resource directory."""

from tests.conftest import new_uid
from tests.integration.casework_helpers import RESIDENT, casework, notifier  # noqa: F401 (fixtures)


def test_a_lead_makes_casemanager1_the_primary_case_manager_and_the_caseload_lists_the_resident(casework):
    me = casework.cm.user
    assert me["role"] == "case_manager"
    answer = casework.ok(
        casework.lead.put(f"/api/v1/residents/{RESIDENT}/case-manager", json={"user_id": me["id"]}), 200
    )
    assert answer["user_id"] == me["id"] and answer["name"] == me["name"]
    assert answer["assigned_by"] == casework.lead.user["name"]
    caseload = casework.ok(casework.cm.get("/api/v1/caseload"), 200)
    (entry,) = [e for e in caseload if e["resident_id"] == RESIDENT]
    assert entry["unmet_needs"] == [] and entry["open_referrals"] == []
    assert entry["needs_review_overdue"] is True  # never assessed: an assessment is what needs doing


def test_the_assignment_is_an_event_of_the_record_with_who_and_when(casework):
    casework.ok(
        casework.lead.put(f"/api/v1/residents/{RESIDENT}/case-manager", json={"user_id": casework.cm.user["id"]}), 200
    )
    events = casework.ok(
        casework.lead.get(f"/api/v1/events?unit_id=1&resident_id={RESIDENT}&kind=case_manager.assigned"), 200
    )["items"]
    assert [(e["actor_id"], e["data"]["user_id"]) for e in events] == [
        (casework.lead.user["id"], casework.cm.user["id"])
    ]


def test_only_a_lead_or_admin_assigns_and_only_a_case_manager_of_the_unit_can_be_assigned(casework):
    path = f"/api/v1/residents/{RESIDENT}/case-manager"
    assert casework.cm.put(path, json={"user_id": casework.cm.user["id"]}).status_code == 403
    assert casework.nurse.put(path, json={"user_id": "x"}).status_code == 403  # 403 before the body is read
    refused = casework.lead.put(path, json={"user_id": casework.nurse.user["id"]})
    assert refused.status_code == 422 and "user_id" in refused.get_json()["errors"]
    assert casework.lead.put(path, json={}).get_json()["errors"].keys() == {"user_id"}
    assert casework.lead.put("/api/v1/residents/13/case-manager", json={"user_id": 1}).status_code == 404  # South


def test_a_case_manager_on_another_unit_cannot_be_assigned(casework, add_staff, login):
    add_staff("casemanager2", ["South"], "case_manager")
    other = login("casemanager2").user["id"]
    refused = casework.lead.put(f"/api/v1/residents/{RESIDENT}/case-manager", json={"user_id": other})
    assert refused.status_code == 422
    assert "unit" in refused.get_json()["errors"]["user_id"][0]


def test_the_directory_is_searched_by_name_and_by_service_type(casework):
    casework.resource("Harbor Housing Services", ["housing"])
    casework.resource("Westside Rights Clinic", ["income benefits", "tenancy law"])
    casework.resource("Riverside Psychiatry", ["psychiatry", "depot injections"])
    names = lambda q: [r["name"] for r in casework.ok(casework.cm.get(f"/api/v1/resources?q={q}"), 200)]  # noqa: E731
    assert names("harbor housing") == ["Harbor Housing Services"]
    assert names("TENANCY") == ["Westside Rights Clinic"]
    assert names("depot") == ["Riverside Psychiatry"]
    assert {"Harbor Housing Services", "Westside Rights Clinic", "Riverside Psychiatry"} <= set(names(""))
    assert names("nothing like it") == []


def test_a_resource_uid_sent_again_answers_200_and_with_another_body_409(casework):
    body = {"uid": new_uid(), "name": "Harbor Housing", "service_types": ["housing"]}
    assert casework.cm.post("/api/v1/resources", json=body).status_code == 201
    again = casework.cm.post("/api/v1/resources", json=body)
    assert again.status_code == 200
    assert casework.cm.post("/api/v1/resources", json={**body, "name": "Other"}).status_code == 409
    assert [r["name"] for r in casework.ok(casework.cm.get("/api/v1/resources?q=harbor housing"), 200)] == [
        "Harbor Housing"
    ]


def test_a_worker_may_not_add_to_the_directory_and_bad_input_names_its_field(casework):
    assert casework.worker.post("/api/v1/resources", json={}).status_code == 403
    answer = casework.cm.post("/api/v1/resources", json={"uid": new_uid(), "name": "X Y", "service_types": []})
    assert answer.status_code == 422 and "service_types" in answer.get_json()["errors"]
