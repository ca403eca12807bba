"""The clinician's pages: the caseload with latest scores and trends, the tablet's instrument form, the start page."""

from __future__ import annotations

import re

from tests.integration.clinical_helpers import (  # noqa: F401
    clinic,
    gad7,
    noon,
    notifier,
    phq9,
)


def test_a_clinician_starts_on_the_caseload_and_it_is_in_the_header(clinic):
    start = clinic.clinician.get("/")
    assert start.status_code == 302 and start.headers["Location"].endswith("/clinical")
    page = clinic.clinician.get("/clinical").get_data(as_text=True)
    assert 'href="/clinical"' in page and "<h1>Caseload</h1>" in page


def test_the_caseload_lists_the_units_residents_with_latest_scores_a_trend_and_open_screens_first(clinic):
    clinic.ok(clinic.assess(5, phq9(2, 2, 2, 2, 2, 2, 2, 2, 0)))  # 16
    clinic.clock.advance(hours=20)
    clinic.ok(clinic.assess(5, phq9(1, 1, 1, 1, 1, 1, 1, 1, 0)))  # 8: -8, significant
    clinic.ok(clinic.assess(7, gad7(1, 1, 1, 1, 1, 1, 1), instrument="gad7"))
    clinic.ok(clinic.assess(9, phq9(0, 0, 0, 0, 0, 0, 0, 0, 1)))
    page = clinic.clinician.get("/clinical")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    rows = re.findall(r'<tr data-resident-id="(\d+)"', text)
    assert rows[0] == "9" and len(rows) == 12  # the open safety screen first; North's twelve residents
    assert 'class="safety"' in text and "suicide risk screen open" in text
    eli = text[text.index('data-resident-id="5"') :].split("</tr>")[0]
    assert "<strong>8</strong> mild" in eli and "(-8, significant)" in eli
    assert 'aria-label="PHQ-9 totals, oldest first: 16, 8"' in eli


def test_the_caseload_is_the_clinicians_page(clinic):
    refused = clinic.nurse.get("/clinical")
    assert refused.status_code == 403 and "clinician" in refused.get_data(as_text=True)


def test_the_instrument_form_shows_every_item_with_its_options_for_the_resident(clinic):
    page = clinic.clinician.get("/residents/2/assessments/new?instrument=phq9")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert len(re.findall(r'<fieldset class="assess-item" data-item="\d+">', text)) == 9
    assert text.count('type="radio" name="item-9"') == 4
    assert 'data-instrument="phq9"' in text and "Ben O." in text and "No permission required" in text
    assert clinic.nurse.get("/residents/2/assessments/new?instrument=gad7").status_code == 200
    assert clinic.clinician.get("/residents/13/assessments/new").status_code == 404
    assert clinic.clinician.get("/residents/2/assessments/new?instrument=beck").status_code == 404
    assert clinic.worker.get("/residents/2/assessments/new").status_code == 403


def test_the_caseload_shows_the_last_session_and_the_notes_to_sign(clinic, add_staff, login):
    from tests.integration.test_clinical_sessions import session_body

    note = clinic.ok(clinic.clinician.post("/api/v1/sessions", json=session_body(resident_ids=(3,))))
    page = clinic.clinician.get("/clinical").get_data(as_text=True)
    assert f'<li data-session-id="{note["id"]}">Individual session with Cora L.' in page
    line = page[page.index('data-resident-id="3"') :].split("</tr>")[0]
    assert "individual<br><small>" in line and "unsigned" in line
    clinic.ok(
        clinic.clinician.post(
            f"/api/v1/sessions/{note['id']}/sign", json={"uid": "6f1c2b8e-2d7b-4f5e-9a39-0b1f1e0f2a11"}
        ),
        200,
    )
    assert f'data-session-id="{note["id"]}"' not in clinic.clinician.get("/clinical").get_data(as_text=True)


def test_the_session_form_keeps_the_process_note_visibly_apart_and_offers_the_plans_objectives(clinic):
    page = clinic.clinician.get("/residents/9/sessions/new")  # Ivo has a plan in force in the demo
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert '<fieldset class="assess-item process-note">' in text and "Only you can read them" in text
    assert 'name="objective"' in text and "Attends one group a day" in text
    assert 'name="objective"' not in clinic.clinician.get("/residents/2/sessions/new").get_data(as_text=True)
    assert clinic.nurse.get("/residents/9/sessions/new").status_code == 403
    assert clinic.clinician.get("/residents/13/sessions/new").status_code == 404


def test_the_new_plan_version_form_starts_from_the_plan_in_force_and_is_the_clinicians_alone(clinic):
    page = clinic.clinician.get("/residents/9/plan/new")  # Ivo's plan in force: its rows to start from
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'id="plan-write"' in text and "Attends one group a day" in text and "It starts as version 1" in text
    assert "Write a new version" in clinic.clinician.get("/residents/9/plan").get_data(as_text=True)
    assert "Write a new version" not in clinic.nurse.get("/residents/9/plan").get_data(as_text=True)
    assert clinic.nurse.get("/residents/9/plan/new").status_code == 403
    assert clinic.clinician.get("/residents/13/plan/new").status_code == 404
