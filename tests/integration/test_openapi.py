"""The OpenAPI document says what the API answers: nullable fields, the 200 of a replayed uid."""


def spec(demo):
    return demo.test_client().get("/api/v1/openapi.json").get_json()


def test_fields_that_may_be_null_are_declared_nullable(demo):
    schemas = spec(demo)["components"]["schemas"]
    for field in ("discharged_at", "preferred_name", "record_number"):
        assert schemas["ResidentDetailOut"]["properties"][field].get("nullable") is True, field
    assert schemas["ResidentOut"]["properties"]["discharged_at"].get("nullable") is True


def test_every_create_that_accepts_a_known_uid_declares_the_200_replay(demo):
    paths = spec(demo)["paths"]
    for path in (
        "/api/v1/rounds/checks",
        "/api/v1/residents",
        "/api/v1/events/{uid}/void",
        "/api/v1/events/{uid}/amend",
        "/api/v1/residents/{resident_id}/observation-level",
    ):
        responses = paths[path]["post"]["responses"]
        assert {"200", "201"} <= set(responses), path


def test_path_ids_are_bounded_integers(demo):
    [parameter] = spec(demo)["paths"]["/api/v1/residents/{resident_id}"]["parameters"]
    assert parameter["schema"] == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}


def test_medication_writes_declare_the_200_of_a_replay(demo):
    paths = spec(demo)["paths"]
    for path in (
        "/api/v1/medications/orders",
        "/api/v1/medications/orders/{order_id}/stop",
        "/api/v1/medobs",
        "/api/v1/medobs/followups",
    ):
        responses = paths[path]["post"]["responses"]
        assert {"200", "201"} <= set(responses), path
        assert (
            responses["200"]["content"]["application/json"]["schema"]
            == responses["201"]["content"]["application/json"]["schema"]
        ), path


def test_the_board_is_listed_under_its_own_tag_and_no_tag_of_the_document_is_empty(demo):
    document = spec(demo)
    assert document["paths"]["/api/v1/units/{unit_id}/board"]["get"]["tags"] == ["board"]
    listed = {
        tag
        for item in document["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict)
        for tag in operation["tags"]
    }
    assert {tag["name"] for tag in document["tags"]} == listed
