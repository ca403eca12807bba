"""Needs assessed by the resident and by staff, kept apart; a review falls due 90 days after the last one."""

from datetime import timedelta

from tests.conftest import iso, new_uid
from tests.integration.casework_helpers import RESIDENT, casework, notifier  # noqa: F401 (fixtures)


def assess(casework, rater, ratings, resident_id=RESIDENT, client=None, **over):
    body = {"uid": new_uid(), "occurred_at": iso(casework.clock.now), "rater": rater, "ratings": ratings, **over}
    return (client or casework.cm).post(f"/api/v1/residents/{resident_id}/needs", json=body)


def test_resident_and_staff_ratings_are_stored_apart_and_the_caseload_lists_unmet_needs(casework):
    casework.ok(
        casework.lead.put(f"/api/v1/residents/{RESIDENT}/case-manager", json={"user_id": casework.cm.user["id"]}), 200
    )
    mine = casework.ok(assess(casework, "resident", {"housing": "met", "food": "unmet"}))
    theirs = casework.ok(assess(casework, "staff", {"housing": "unmet", "food": "unmet", "legal": "unknown"}))
    assert (mine["rater"], theirs["rater"]) == ("resident", "staff")
    assert mine["ratings"] == {"housing": "met", "food": "unmet"}
    assert theirs["next_review_due"] == iso(casework.clock.now + timedelta(days=90))
    listed = casework.ok(casework.cm.get(f"/api/v1/residents/{RESIDENT}/needs"), 200)
    assert [n["rater"] for n in listed] == ["resident", "staff"]
    (entry,) = [e for e in casework.ok(casework.cm.get("/api/v1/caseload"), 200) if e["resident_id"] == RESIDENT]
    assert entry["unmet_needs"] == ["housing", "food"]
    assert entry["last_contact_at"] == iso(casework.clock.now)
    assert entry["next_needs_review"] == iso(casework.clock.now + timedelta(days=90))
    assert entry["needs_review_overdue"] is False


def test_an_unknown_domain_rating_or_rater_is_422_naming_the_field(casework):
    assert "ratings" in assess(casework, "staff", {"yachts": "unmet"}).get_json()["errors"]
    assert "ratings" in assess(casework, "staff", {"housing": "dire"}).get_json()["errors"]
    assert "ratings" in assess(casework, "staff", {}).get_json()["errors"]
    assert "rater" in assess(casework, "family", {"housing": "met"}).get_json()["errors"]


def test_only_a_case_manager_assesses_needs_and_another_units_resident_is_not_found(casework):
    assert assess(casework, "staff", {"housing": "met"}, client=casework.nurse).status_code == 403
    assert assess(casework, "staff", {"housing": "met"}, resident_id=13).status_code == 404


def test_an_assessment_sent_again_is_200_and_stored_once(casework):
    body = {"uid": new_uid(), "occurred_at": iso(casework.clock.now), "rater": "staff", "ratings": {"food": "met"}}
    path = f"/api/v1/residents/{RESIDENT}/needs"
    assert casework.cm.post(path, json=body).status_code == 201
    assert casework.cm.post(path, json=body).status_code == 200
    assert casework.cm.post(path, json={**body, "rater": "resident"}).status_code == 409
    assert len(casework.ok(casework.cm.get(path), 200)) == 1


def test_needs_review_due_ninety_days_after_the_last_assessment_and_a_new_one_resolves_it(casework):
    casework.ok(assess(casework, "staff", {"housing": "unmet"}))
    casework.clock.advance(days=89, hours=23)
    casework.sweep()
    assert casework.alerts("needs_review_due") == []
    casework.clock.advance(hours=1)
    casework.sweep()
    assert casework.alerts("needs_review_due") == [("needs_review_due", "warning", RESIDENT)]
    casework.ok(assess(casework, "resident", {"housing": "met"}))
    assert casework.alerts("needs_review_due") == []
