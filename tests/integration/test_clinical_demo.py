"""The demo's clinical work: clinician1's caseload shows PHQ-9 and GAD-7 histories with a trend, and no alarm."""

from __future__ import annotations

import re

from tests.integration.rounds_helpers import open_alerts


def test_the_demo_gives_north_residents_phq9_and_gad7_histories_with_a_trend(login, demo):
    clinician = login("clinician1")
    ana = clinician.get("/api/v1/residents/1/assessments").get_json()
    assert [a["total"] for a in ana if a["instrument"] == "phq9"] == [19, 15, 12]
    assert [a["total"] for a in ana if a["instrument"] == "gad7"] == [14, 11, 9]
    fay = clinician.get("/api/v1/residents/6/assessments?instrument=phq9").get_json()
    assert [(a["total"], a["band"]) for a in fay] == [(14, "moderate"), (17, "moderately_severe"), (21, "severe")]
    assert all(a["critical_items"] == [] for a in ana + fay)
    assert open_alerts(demo, "suicide_risk_screen") == []
    page = clinician.get("/clinical").get_data(as_text=True)
    assert len(re.findall(r'<svg class="trend"', page)) == 5  # Ana twice, Fay, Ivo, Lena
    assert 'aria-label="PHQ-9 totals, oldest first: 19, 15, 12"' in page


def test_the_demo_has_plans_in_force_and_session_notes_one_still_to_sign(login, demo):
    clinician = login("clinician1")
    for rid in (1, 6, 9):
        plan = clinician.get(f"/api/v1/residents/{rid}/plan").get_json()
        assert plan["status"] == "in_force" and plan["resident_participation"] == "agreed"
    ivo = clinician.get("/api/v1/residents/9/sessions").get_json()
    assert [(s["kind"], s["status"], len(s["objective_ids"])) for s in ivo] == [("individual", "unsigned", 1)]
    assert "Individual session with Ivo" in clinician.get("/clinical").get_data(as_text=True)
    assert open_alerts(demo) == [a for a in open_alerts(demo) if a[0] not in ("suicide_risk_screen", "violence_risk")]
