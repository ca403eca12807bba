"""The case manager's pages as served: the caseload and a resident's case, and where a case manager starts."""

from tests.conftest import iso, new_uid
from tests.integration.casework_helpers import RESIDENT, casework, notifier  # noqa: F401 (fixtures)


def test_a_case_manager_starts_on_the_caseload_and_a_lead_still_on_the_handoffs(casework):
    assert casework.cm.get("/").headers["Location"].endswith("/casework")
    assert casework.lead.get("/").headers["Location"].endswith("/handoffs")


def test_the_caseload_page_lists_the_residents_with_their_open_referrals(casework):
    casework.ok(
        casework.lead.put(f"/api/v1/residents/{RESIDENT}/case-manager", json={"user_id": casework.cm.user["id"]}), 200
    )
    referral = casework.draft()
    casework.walk(referral["id"], "sent")
    page = casework.cm.get("/casework")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'data-resident-id="{RESIDENT}"' in html
    assert "Harbor Housing Services" in html and "not assessed yet" in html
    assert casework.worker.get("/casework").status_code == 403


def test_the_case_page_shows_where_resident_and_staff_disagree_and_the_next_steps(casework):
    for rater, ratings in (
        ("resident", {"housing": "met", "food": "unmet"}),
        ("staff", {"housing": "unmet", "food": "unmet"}),
    ):
        body = {"uid": new_uid(), "occurred_at": iso(casework.clock.now), "rater": rater, "ratings": ratings}
        casework.ok(casework.cm.post(f"/api/v1/residents/{RESIDENT}/needs", json=body))
    referral = casework.draft()
    html = casework.cm.get(f"/residents/{RESIDENT}/case").get_data(as_text=True)
    assert '<tr class="differ" data-domain="housing">' in html
    assert '<tr class="" data-domain="food">' in html
    assert f'id="referral-{referral["id"]}"' in html and 'data-step="sent"' in html
    assert casework.cm.get("/residents/13/case").status_code == 404  # South
    nurse = casework.nurse.get(f"/residents/{RESIDENT}/case").get_data(as_text=True)
    assert 'data-step="sent"' not in nurse  # a nurse reads the case; only a case manager moves referrals


def test_the_transitions_report_page_is_listed_on_reports_for_a_lead_and_shows_the_figures(casework):
    assert "/units/1/reports/transitions" in casework.lead.get("/reports").get_data(as_text=True)
    page = casework.cm.get("/units/1/reports/transitions")
    assert page.status_code == 200 and "Followed up within 7 days" in page.get_data(as_text=True)
    assert casework.cm.get("/units/2/reports/transitions").status_code == 404
    assert casework.worker.get("/units/1/reports/transitions").status_code == 403
    assert casework.cm.get("/units/1/reports/transitions?from=not-a-day").status_code == 400


def test_a_transitions_range_the_wrong_way_round_is_named_and_the_days_typed_are_kept(casework):
    answer = casework.cm.get("/units/1/reports/transitions?from=2026-10-20&to=2026-10-01")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert "From comes after To" in page and 'id="transitions"' not in page
    assert 'value="2026-10-20"' in page and 'value="2026-10-01"' in page
    bad = casework.cm.get("/units/1/reports/transitions?from=not-a-day").get_data(as_text=True)
    assert "From is not a day" in bad
    assert casework.cm.get("/units/2/reports/transitions?from=2026-10-20&to=2026-10-01").status_code == 404


def test_the_referral_form_offers_only_consents_that_allow_a_referral(casework):
    casework.consent("Narrow Org", scope="general_updates")
    html = casework.cm.get(f"/residents/{RESIDENT}/case").get_data(as_text=True)
    assert 'id="referral-form"' not in html and "No consent on file" in html
    wide = casework.consent("Harbor Housing Services")
    html = casework.cm.get(f"/residents/{RESIDENT}/case").get_data(as_text=True)
    assert f'<option value="{wide["uid"]}">Harbor Housing Services</option>' in html
    assert "Narrow Org" not in html


def test_the_resident_page_shows_the_coming_appointment_and_links_the_case_for_those_who_read_it(casework):
    worker = casework.worker.get("/residents/2").get_data(as_text=True)
    assert "Dr Patel" in worker and "escort needed" in worker  # the floor sees who must be escorted
    assert "/residents/2/case" not in worker
    assert "/residents/2/case" in casework.cm.get("/residents/2").get_data(as_text=True)
    assert "Cass Manning" in worker
