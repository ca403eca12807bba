"""GET /api/v1/instruments: the definitions loaded at start-up, for any logged-in role."""

from __future__ import annotations

import json

from facility.clinical.instruments import SHIPPED


def test_every_role_reads_the_shipped_instruments_with_items_options_scoring_bands_source_and_licence(login):
    for username in ("worker1", "nurse1", "lead1", "clinician1", "admin"):
        answer = login(username).get("/api/v1/instruments")
        assert answer.status_code == 200, username
    found = {i["code"]: i for i in answer.get_json()}
    assert set(found) == {"phq9", "gad7", "bprs"}
    phq9 = found["phq9"]
    assert phq9["items"][8] == {
        "n": 9,
        "text": "Thoughts that you would be better off dead or of hurting yourself in some way",
        "options": [
            {"value": 0, "label": "Not at all"},
            {"value": 1, "label": "Several days"},
            {"value": 2, "label": "More than half the days"},
            {"value": 3, "label": "Nearly every day"},
        ],
    }
    assert phq9["scoring"]["max"] == 27 and phq9["bands"][3] == {
        "code": "moderately_severe",
        "label": "moderately severe",
        "min": 15,
        "max": 19,
    }
    assert "No permission required" in phq9["licence"] and "Kroenke" in phq9["source"]
    assert [i["text"] for i in found["bprs"]["items"]][:3] == ["Somatic concern", "Anxiety", "Emotional withdrawal"]


def test_without_a_session_the_instruments_are_not_served(demo):
    assert demo.test_client().get("/api/v1/instruments").status_code == 401


def test_a_facility_adds_an_instrument_it_holds_the_rights_to_and_one_without_a_licence_is_left_out(
    database_url, clock, tmp_path, demo
):
    from facility import create_app
    from facility.config import TestingConfig
    from tests.conftest import ApiClient

    raw = json.loads((SHIPPED / "gad7.json").read_text())
    (tmp_path / "ours.json").write_text(json.dumps({**raw, "code": "ours", "name": "Our own scale"}))
    (tmp_path / "borrowed.json").write_text(json.dumps({**raw, "code": "borrowed", "licence": ""}))
    config = TestingConfig(database_url)
    config.CLOCK = clock
    config.CLINICAL_INSTRUMENTS_DIR = str(tmp_path)
    app = create_app(config)
    codes = {i["code"] for i in ApiClient(app, "clinician1").get("/api/v1/instruments").get_json()}
    assert codes == {"phq9", "gad7", "bprs", "ours"}
