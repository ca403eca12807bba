"""A positive safety item: the nurses' console at once, the handoff's unstable resident with the safety assessment
to do, and the resident's page in red."""

from __future__ import annotations

from tests.integration.clinical_helpers import (  # noqa: F401
    clinic,
    noon,
    notifier,
    open_alerts,
    phq9,
)


def test_phq9_item_9_above_zero_raises_a_critical_suicide_risk_screen_to_the_units_nurses(clinic):
    stored = clinic.ok(clinic.assess(2, phq9(1, 1, 0, 1, 0, 1, 0, 0, 1)))
    assert stored["critical_items"] == [9]
    assert open_alerts(clinic.app, "suicide_risk_screen") == [("suicide_risk_screen", "critical", 2)]
    [(event, payload, room)] = [p for p in clinic.pushes.sent if p[1].get("kind") == "suicide_risk_screen"]
    assert (event, room, payload["severity"], payload["source_uid"]) == ("alert", "unit:1", "critical", stored["uid"])
    assert payload["message"].startswith("Ben O. · N102: PHQ-9 item 9 positive (several days)")
    assert "safety assessment by a clinician" in payload["message"]
    console = clinic.ok(clinic.nurse.get("/api/v1/alerts?unit_id=1&status=open"), 200)["items"]
    assert [a["kind"] for a in console if a["resident_id"] == 2] == ["suicide_risk_screen"]


def test_item_9_answered_zero_raises_nothing(clinic):
    clinic.ok(clinic.assess(2, phq9(3, 3, 3, 3, 3, 3, 3, 3, 0)))
    assert open_alerts(clinic.app, "suicide_risk_screen") == []


def test_a_positive_item_9_on_an_incomplete_administration_still_raises_the_alert(clinic):
    clinic.ok(clinic.assess(3, {"1": 2, "9": 2}, incomplete_reason="crisis: asked the first and the last item only"))
    assert open_alerts(clinic.app, "suicide_risk_screen") == [("suicide_risk_screen", "critical", 3)]


def test_each_positive_screen_is_an_alert_of_its_own(clinic):
    clinic.ok(clinic.assess(2, phq9(0, 0, 0, 0, 0, 0, 0, 0, 1)))
    clinic.clock.advance(hours=1)
    clinic.ok(clinic.assess(2, phq9(0, 0, 0, 0, 0, 0, 0, 0, 2)))
    assert len(open_alerts(clinic.app, "suicide_risk_screen")) == 2


def test_the_handoff_lists_the_resident_unstable_with_the_safety_assessment_and_the_shifts_new_scores(clinic):
    clinic.ok(clinic.assess(2, phq9(2, 2, 2, 1, 1, 1, 1, 1, 1)))  # 12, moderate, item 9 positive
    clinic.ok(clinic.assess(4, {str(n): 1 for n in range(1, 8)}, instrument="gad7"))  # 7, mild
    summary = clinic.handoff()
    residents = {r["resident_id"]: r for r in summary["residents"]}
    ben = residents[2]
    assert ben["severity"] == "unstable"
    assert "positive safety screen: PHQ-9 item 9" in ben["reasons"]
    assert "safety assessment by a clinician" in ben["actions"]
    assert any("PHQ-9 12 (moderate)" in line for line in ben["events"])
    assert summary["residents"][0]["severity"] == "unstable"
    assert residents[4]["severity"] != "unstable"
    assert any("GAD-7 7 (mild)" in line for line in residents[4]["events"])
    scores = [
        (s["display_name"], s["instrument"], s["total"], s["critical_items"])
        for s in summary["clinical"]["scores"]
        if s["resident_id"] in (2, 4)  # the demo's own histories are in the shift too
    ]
    assert scores == [("Ben O. · N102", "PHQ-9", 12, [9]), ("Dev P. · N104", "GAD-7", 7, [])]
    page = clinic.lead.get(
        f"/handoffs/{clinic.ok(clinic.lead.get('/api/v1/handoffs?unit_id=1'), 200)['items'][0]['id']}"
    )
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "positive safety screen (PHQ-9 item 9)" in text


def test_the_resident_page_shows_an_open_safety_screen_in_red_to_every_role_and_scores_to_clinical_roles(clinic):
    clinic.ok(clinic.assess(2, phq9(1, 1, 1, 1, 1, 1, 1, 1, 1)))
    for client in (clinic.nurse, clinic.worker, clinic.clinician):
        text = client.get("/residents/2").get_data(as_text=True)
        assert 'class="safety-alert" role="alert" data-kind="suicide_risk_screen"' in text
    assert 'class="scores"' in clinic.clinician.get("/residents/2").get_data(as_text=True)
    worker_page = clinic.worker.get("/residents/2").get_data(as_text=True)
    assert 'class="scores"' not in worker_page and "Scores are read by clinicians, nurses and leads." in worker_page
    assert "safety-alert" not in clinic.nurse.get("/residents/3").get_data(as_text=True)


def test_the_safety_panel_stands_above_the_days_timeline_and_the_other_panels_below_it(clinic):
    clinic.ok(clinic.assess(1, phq9(1, 1, 1, 1, 1, 1, 1, 1, 2)))
    text = clinic.nurse.get("/residents/1").get_data(as_text=True)
    assert text.index('id="panel-assessments"') < text.index('class="timeline-day"') < text.index('id="panel-goals"')
