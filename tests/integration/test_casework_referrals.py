"""Referrals that close their loop: every step and refusal through the API, consent checks, the stale alert."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import iso, new_uid
from tests.integration.casework_helpers import RESIDENT, casework, notifier  # noqa: F401 (fixtures)

NEW_YORK = ZoneInfo("America/New_York")  # the facility's zone in the tests

PATHS = {
    "declined": ["sent", "declined"],
    "canceled after sending": ["sent", "canceled"],
    "waitlisted then accepted": ["sent", "waitlisted", "accepted"],
    "waitlisted then declined": ["sent", "waitlisted", "declined"],
    "waitlisted then canceled": ["sent", "waitlisted", "canceled"],
    "accepted then canceled": ["sent", "accepted", "canceled"],
}


def test_a_referral_is_drafted_sent_accepted_and_completed_with_an_outcome_each_step_with_who_and_when(casework):
    referral = casework.draft()
    assert (referral["status"], referral["next_steps"], referral["steps"]) == ("draft", ["sent"], [])
    assert referral["made_by"] == casework.cm.user["name"] and referral["resource"]["name"] == "Harbor Housing Services"
    casework.walk(referral["id"], "sent")
    casework.clock.advance(days=2)
    casework.walk(referral["id"], "accepted")
    casework.clock.advance(days=20)
    done = casework.walk(referral["id"], "completed", completed={"outcome": "need_met", "note": "moved in"})
    assert (done["status"], done["outcome"], done["next_steps"], done["days_open"]) == (
        "completed",
        "need_met",
        [],
        None,
    )
    assert [(s["status"], s["by"]) for s in done["steps"]] == [
        ("sent", casework.cm.user["name"]),
        ("accepted", casework.cm.user["name"]),
        ("completed", casework.cm.user["name"]),
    ]
    assert done["steps"][2]["outcome"] == "need_met" and done["steps"][2]["note"] == "moved in"
    assert done["sent_at"] < done["answered_at"] < done["closed_at"]
    events = casework.ok(
        casework.nurse.get(f"/api/v1/events?unit_id=1&resident_id={RESIDENT}&kind=referral.status_changed"), 200
    )["items"]
    assert [(e["data"]["previous"], e["data"]["status"]) for e in events] == [
        ("draft", "sent"),
        ("sent", "accepted"),
        ("accepted", "completed"),
    ]


@pytest.mark.parametrize("path", PATHS.values(), ids=PATHS.keys())
def test_every_other_legal_path_is_taken(casework, path):
    referral = casework.draft()
    answer = casework.walk(referral["id"], *path)
    assert answer["status"] == path[-1]
    assert [s["status"] for s in answer["steps"]] == path


@pytest.mark.parametrize(
    ("before", "wanted"),
    [
        ([], "accepted"),
        ([], "canceled"),
        ([], "completed"),
        (["sent"], "sent"),
        (["sent"], "completed"),
        (["sent", "waitlisted"], "waitlisted"),
        (["sent", "accepted"], "declined"),
        (["sent", "declined"], "accepted"),
        (["sent", "canceled"], "sent"),
    ],
)
def test_a_wrong_step_is_409_naming_the_current_status_and_nothing_is_stored(casework, before, wanted):
    referral = casework.draft()
    casework.walk(referral["id"], *before)
    current = before[-1] if before else "draft"
    extra = {"outcome": "need_met"} if wanted == "completed" else {}
    refused = casework.step(referral["id"], wanted, **extra)
    assert refused.status_code == 409, refused.get_json()
    assert f"the referral is {current}" in refused.get_json()["message"]
    stored = casework.ok(casework.cm.get(f"/api/v1/referrals/{referral['id']}"), 200)
    assert stored["status"] == current and len(stored["steps"]) == len(before)


def test_completion_without_an_outcome_is_422_naming_outcome(casework):
    referral = casework.draft()
    casework.walk(referral["id"], "sent", "accepted")
    refused = casework.step(referral["id"], "completed")
    assert refused.status_code == 422 and "outcome" in refused.get_json()["errors"]
    wrong = casework.step(referral["id"], "canceled", outcome="not_met")
    assert wrong.status_code == 422 and "outcome" in wrong.get_json()["errors"]


def test_a_step_sent_again_answers_200_without_a_second_step_and_a_changed_body_is_409(casework):
    referral = casework.draft()
    body = {"uid": new_uid(), "occurred_at": iso(casework.clock.now), "status": "sent"}
    path = f"/api/v1/referrals/{referral['id']}/status"
    assert casework.cm.post(path, json=body).status_code == 200
    again = casework.cm.post(path, json=body)
    assert again.status_code == 200 and [s["status"] for s in again.get_json()["steps"]] == ["sent"]
    assert casework.cm.post(path, json={**body, "note": "other"}).status_code == 409


def test_a_referral_uid_sent_again_answers_200_and_with_another_body_409(casework):
    resource = casework.resource()
    consent = casework.consent()
    body = {
        "uid": new_uid(),
        "resident_id": RESIDENT,
        "resource_id": resource["id"],
        "need": "housing",
        "reason": "Needs supported housing",
        "consent_uid": consent["uid"],
    }
    first = casework.cm.post("/api/v1/referrals", json=body)
    assert first.status_code == 201
    again = casework.cm.post("/api/v1/referrals", json=body)
    assert again.status_code == 200 and again.get_json()["id"] == first.get_json()["id"]
    assert casework.cm.post("/api/v1/referrals", json={**body, "need": "food"}).status_code == 409


def refused_for_consent(answer) -> str:
    assert answer.status_code == 422, answer.get_json()
    return answer.get_json()["errors"]["consent_uid"][0]


def test_no_consent_an_unknown_uid_or_another_residents_consent_is_422_naming_consent_uid(casework):
    resource = casework.resource()
    assert "no consent" in refused_for_consent(casework.refer(resource["id"], new_uid()))
    someone_else = casework.consent(resource["name"], resident_id=3)
    assert "no consent" in refused_for_consent(casework.refer(resource["id"], someone_else["uid"]))


def test_a_consent_of_a_narrower_scope_is_refused(casework):
    resource = casework.resource()
    narrow = casework.consent(resource["name"], scope="general_updates")
    assert "scope is general_updates" in refused_for_consent(casework.refer(resource["id"], narrow["uid"]))
    full = casework.consent(resource["name"], scope="full_record")
    assert casework.refer(resource["id"], full["uid"]).status_code == 201


def test_a_consent_naming_another_organisation_is_refused(casework):
    resource = casework.resource()
    other = casework.consent("Eastside Benefits Clinic")
    assert "names Eastside Benefits Clinic" in refused_for_consent(casework.refer(resource["id"], other["uid"]))
    same_in_other_case = casework.consent("  harbor HOUSING services ")
    assert casework.refer(resource["id"], same_in_other_case["uid"]).status_code == 201


def test_an_expired_consent_does_not_count_and_one_expiring_today_does(casework):
    resource = casework.resource()
    today = casework.clock.now.astimezone(NEW_YORK).date()
    expired = casework.consent(resource["name"], expires_on=(today - timedelta(days=1)).isoformat())
    assert "expired on" in refused_for_consent(casework.refer(resource["id"], expired["uid"]))
    last_day = casework.consent(resource["name"], expires_on=today.isoformat())
    assert casework.refer(resource["id"], last_day["uid"]).status_code == 201


def test_a_consent_that_expires_before_sending_stops_the_send(casework):
    today = casework.clock.now.astimezone(NEW_YORK).date()
    resource = casework.resource()
    consent = casework.consent(resource["name"], expires_on=today.isoformat())
    referral = casework.ok(casework.refer(resource["id"], consent["uid"]))
    casework.clock.advance(days=1)
    assert "expired on" in refused_for_consent(casework.step(referral["id"], "sent"))
    assert casework.ok(casework.cm.get(f"/api/v1/referrals/{referral['id']}"), 200)["status"] == "draft"


def test_a_voided_consent_no_longer_allows_a_referral(casework):
    resource = casework.resource()
    consent = casework.consent(resource["name"])
    void = casework.nurse.post(
        f"/api/v1/events/{consent['uid']}/void", json={"uid": new_uid(), "reason": "entered for the wrong resident"}
    )
    assert void.status_code == 201, void.get_json()
    assert "no consent" in refused_for_consent(casework.refer(resource["id"], consent["uid"]))


def test_an_unknown_resource_or_need_is_422_naming_the_field(casework):
    consent = casework.consent()
    assert "resource_id" in casework.refer(999, consent["uid"]).get_json()["errors"]
    resource = casework.resource()
    assert "need" in casework.refer(resource["id"], consent["uid"], need="yachts").get_json()["errors"]


def test_who_may_refer_and_whose_referrals_are_found(casework):
    referral = casework.draft()
    assert casework.nurse.post("/api/v1/referrals", json={}).status_code == 403
    assert casework.step(referral["id"], "sent", client=casework.worker).status_code == 403
    assert casework.step(999, "sent").status_code == 404
    south = casework.south.get(f"/api/v1/referrals/{referral['id']}")
    assert south.status_code == 403  # a worker does not read case files
    assert casework.nurse.get(f"/api/v1/referrals/{referral['id']}").status_code == 200
    listed = casework.ok(casework.cm.get(f"/api/v1/residents/{RESIDENT}/referrals"), 200)
    assert [r["id"] for r in listed] == [referral["id"]]


def test_a_referral_sent_and_unanswered_for_seven_days_raises_referral_stale_and_the_answer_resolves_it(casework):
    referral = casework.draft()
    casework.walk(referral["id"], "sent")
    casework.clock.advance(days=6, hours=23)
    casework.sweep()
    assert casework.alerts("referral_stale") == []
    casework.clock.advance(hours=1)
    casework.sweep()
    casework.sweep()  # one open alert per referral, however often the sweep finds it
    assert casework.alerts("referral_stale") == [("referral_stale", "warning", RESIDENT)]
    casework.walk(referral["id"], "waitlisted")
    assert casework.alerts("referral_stale") == []


def test_referral_stale_days_is_configured(casework):
    casework.app.config["REFERRAL_STALE_DAYS"] = 3
    referral = casework.draft()
    casework.walk(referral["id"], "sent")
    casework.clock.advance(days=3)
    casework.sweep()
    assert casework.alerts("referral_stale") == [("referral_stale", "warning", RESIDENT)]


def test_a_draft_never_sent_does_not_go_stale(casework):
    casework.draft()
    casework.clock.advance(days=30)
    casework.sweep()
    assert casework.alerts("referral_stale") == []
