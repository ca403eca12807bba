"""The demo's case management: casemanager1 opens on a caseload with needs, a directory and referrals in every state."""

from datetime import date

from tests.integration.casework_helpers import casework, notifier  # noqa: F401 (fixtures)


def test_casemanager1_has_a_caseload_with_unmet_needs_and_open_referrals(casework):
    caseload = casework.ok(casework.cm.get("/api/v1/caseload"), 200)
    assert [e["resident_id"] for e in caseload] and len(caseload) == 6
    assert all(e["unit_id"] == 1 for e in caseload)
    first = next(e for e in caseload if e["resident_id"] == 2)
    assert first["unmet_needs"] == ["housing", "income_benefits", "mental_health", "family"]
    assert sorted(r["status"] for r in first["open_referrals"]) == ["draft", "sent"]


def test_the_demo_directory_holds_a_dozen_resources_and_referrals_in_every_state(casework):
    assert len(casework.ok(casework.cm.get("/api/v1/resources"), 200)) == 12
    statuses = set()
    for resident_id in range(2, 8):
        statuses |= {
            r["status"] for r in casework.ok(casework.cm.get(f"/api/v1/residents/{resident_id}/referrals"), 200)
        }
    assert statuses == {"draft", "sent", "accepted", "waitlisted", "declined", "canceled", "completed"}


def test_the_demo_case_page_shows_where_resident_and_staff_disagree(casework):
    html = casework.cm.get("/residents/2/case").get_data(as_text=True)
    assert '<tr class="differ" data-domain="housing">' in html
    assert '<tr class="differ" data-domain="mental_health">' in html
    assert '<tr class="" data-domain="income_benefits">' in html


def test_the_caseload_shows_the_appointment_tomorrow_and_the_planned_discharge_with_its_aftercare(casework):
    caseload = {e["resident_id"]: e for e in casework.ok(casework.cm.get("/api/v1/caseload"), 200)}
    appointment = caseload[2]["next_appointment"]
    assert (appointment["provider"], appointment["escort_needed"]) == ("Dr Patel", True)
    planned = caseload[6]["planned_discharge"]
    assert planned["destination"].startswith("Lighthouse") and planned["aftercare_within_7_days"] is True
    assert caseload[3]["planned_discharge"] is None and caseload[3]["next_appointment"] is None


def test_the_caseload_page_says_the_discharge_day_in_words_and_the_room_once(casework):
    planned = casework.ok(casework.cm.get("/api/v1/caseload"), 200)
    day = next(e for e in planned if e["resident_id"] == 6)["planned_discharge"]["planned_on"]
    html = casework.cm.get("/casework").get_data(as_text=True)
    assert f"{date.fromisoformat(day):%a %d %b %Y} to Lighthouse" in html and f"{day} to" not in html
    card = html.split('data-resident-id="2"', 1)[1].split("</h2>", 1)[0]
    assert card.count("N102") == 1, card  # "Ben O. · N102", not "… · N102 room N102"
    case = casework.cm.get("/residents/2/case").get_data(as_text=True)
    assert case.split("<h1>", 1)[1].split("</div>", 1)[0].count("N102") == 1
