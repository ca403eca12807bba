"""Outings (sign-out, sign-in, absences for the board) and family contacts gated by consents on file."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import iso, new_uid
from tests.integration.care_helpers import NOON, care, noon, notifier  # noqa: F401


def absences(care, start, end, resident_ids=(4, 5)):
    from facility.domain import registry

    with care.app.app_context():
        session = care.app.extensions["facility_db"].new_session()
        try:
            return registry().absences(session, list(resident_ids), start, end)
        finally:
            session.close()


def test_an_outing_is_an_absence_from_sign_out_to_sign_in_escorted_when_an_escort_went(noon, care):
    escort = care.worker.user["id"]
    outing = care.ok(care.sign_out(minutes_out=90, escort_id=escort, vehicle="unit van"))
    assert (outing["escort"], outing["vehicle"], outing["returned_at"]) == ("Wren Walker", "unit van", None)
    [away] = absences(care, NOON - timedelta(hours=1), NOON + timedelta(hours=1))
    assert (away.resident_id, away.started_at, away.ended_at, away.escorted) == (4, NOON, None, True)
    assert away.label == "outing: pharmacy, back 13:30"
    care.clock.advance(minutes=45)
    care.ok(care.sign_in(outing["id"]), 200)
    [back] = absences(care, NOON, NOON + timedelta(hours=3))
    assert back.ended_at == NOON + timedelta(minutes=45)
    assert absences(care, NOON + timedelta(minutes=45), NOON + timedelta(hours=3)) == []
    assert absences(care, NOON - timedelta(hours=2), NOON) == []


def test_an_outing_without_an_escort_is_an_unescorted_absence(noon, care):
    care.ok(care.sign_out(resident_id=5, destination="family visit"))
    [away] = absences(care, NOON, NOON + timedelta(hours=1))
    assert (away.resident_id, away.escorted) == (5, False)


def test_the_unit_lists_who_is_out_now_and_a_second_sign_out_is_409(noon, care):
    outing = care.ok(care.sign_out())
    listed = care.ok(care.worker.get("/api/v1/units/1/outings"), 200)
    assert [(o["id"], o["display_name"], o["overdue"]) for o in listed if o["resident_id"] == 4] == [
        (outing["id"], "Dev P. · N104", False)
    ]
    again = care.sign_out()
    assert again.status_code == 409 and "signed out already" in again.get_json()["message"]
    care.ok(care.sign_in(outing["id"]), 200)
    assert care.sign_in(outing["id"]).status_code == 409
    assert all(o["resident_id"] != 4 for o in care.worker.get("/api/v1/units/1/outings").get_json())


def test_outing_input_that_makes_no_sense_is_422_naming_the_field(noon, care):
    back_before = care.sign_out(minutes_out=-10)
    assert back_before.status_code == 422 and "expected_return_at" in back_before.get_json()["errors"]
    south_staff = care.sign_out(escort_id=care.south.user["id"])
    assert south_staff.status_code == 422 and "escort_id" in south_staff.get_json()["errors"]
    outing = care.ok(care.sign_out())
    early = care.sign_in(outing["id"], occurred_at=iso(NOON - timedelta(minutes=5)))
    assert early.status_code == 422 and "occurred_at" in early.get_json()["errors"]
    assert care.sign_in(999999).status_code == 404
    assert (
        care.south.post(
            f"/api/v1/outings/{outing['id']}/return", json={"uid": new_uid(), "occurred_at": iso(NOON)}
        ).status_code
        == 404
    )


def test_an_outing_of_another_unit_answers_exactly_as_one_that_does_not_exist(noon, care):
    outing = care.ok(care.sign_out())
    body = {"uid": new_uid(), "occurred_at": iso(NOON)}
    theirs = care.south.post(f"/api/v1/outings/{outing['id']}/return", json=body)
    unknown = care.south.post(f"/api/v1/outings/{outing['id'] + 1000}/return", json=body)
    assert theirs.status_code == unknown.status_code == 404
    assert theirs.get_json() == unknown.get_json()


def test_a_voided_sign_out_is_no_absence(noon, care):
    outing = care.ok(care.sign_out())
    assert (
        care.nurse.post(
            f"/api/v1/events/{outing['uid']}/void", json={"uid": new_uid(), "reason": "wrong resident"}
        ).status_code
        == 201
    )
    assert absences(care, NOON, NOON + timedelta(hours=2)) == []
    assert care.sign_out().status_code == 201  # nothing stops a real sign-out now


def contact_body(name="Maria Reyes", resident_id=4, **over):
    return {
        "uid": new_uid(),
        "resident_id": resident_id,
        "occurred_at": iso(NOON),
        "contact_name": name,
        "relationship": "sister",
        "method": "phone",
        "summary": "Talked about the weekend visit",
        **over,
    }


def test_a_contact_without_a_consent_on_file_is_refused_naming_contact_name(noon, care):
    answer = care.worker.post("/api/v1/contacts", json=contact_body())
    assert answer.status_code == 422
    [message] = answer.get_json()["errors"]["contact_name"]
    assert message.startswith("no consent on file for Maria Reyes")


def test_a_consent_on_file_allows_contacts_with_that_name_whatever_its_case(noon, care):
    consent = care.consent(name="Maria Reyes", expires_on="2026-12-31")
    assert consent["status"] == "active"
    stored = care.ok(care.worker.post("/api/v1/contacts", json=contact_body(name="  maria   REYES ")))
    assert stored["consent_uid"] == consent["uid"]
    other = care.worker.post("/api/v1/contacts", json=contact_body(name="Mario Reyes"))
    assert other.status_code == 422 and "contact_name" in other.get_json()["errors"]
    theirs = care.worker.post("/api/v1/contacts", json=contact_body(resident_id=5))
    assert theirs.status_code == 422  # a consent is the resident's own


def test_an_amendment_corrects_what_was_said_but_never_whom_it_was_with(noon, care):
    care.consent(name="Maria Reyes")
    stored = care.ok(care.worker.post("/api/v1/contacts", json=contact_body()))
    swapped = care.nurse.post(
        f"/api/v1/events/{stored['uid']}/amend",
        json={"uid": new_uid(), "reason": "it was her brother", "data": {"contact_name": "Mario Reyes"}},
    )
    assert swapped.status_code == 422 and "contact_name" in swapped.get_json()["errors"]["data"]
    fixed = care.nurse.post(
        f"/api/v1/events/{stored['uid']}/amend",
        json={"uid": new_uid(), "reason": "it was a visit", "data": {"method": "visit"}},
    )
    assert fixed.status_code == 201


def test_an_expired_consent_is_refused_with_its_date(noon, care):
    care.consent(expires_on="2026-06-09")
    answer = care.worker.post("/api/v1/contacts", json=contact_body())
    assert answer.status_code == 422
    assert "expired on 09 Jun 2026" in answer.get_json()["errors"]["contact_name"][0]
    listed = care.ok(care.worker.get("/api/v1/residents/4/consents"), 200)
    assert [c["status"] for c in listed] == ["expired"]
    care.consent(expires_on="2026-06-10")  # valid through the day it names
    assert care.worker.post("/api/v1/contacts", json=contact_body()).status_code == 201


def test_a_withdrawn_consent_no_longer_allows_contacts(noon, care):
    consent = care.consent()
    assert (
        care.nurse.post(
            f"/api/v1/events/{consent['uid']}/void", json={"uid": new_uid(), "reason": "consent withdrawn"}
        ).status_code
        == 201
    )
    assert care.worker.post("/api/v1/contacts", json=contact_body()).status_code == 422


def test_consent_input_is_checked(noon, care):
    bad = care.nurse.post(
        "/api/v1/residents/4/consents",
        json={"uid": new_uid(), "contact_name": "Ana", "relationship": "mother", "scope": "everything"},
    )
    assert bad.status_code == 422 and "scope" in bad.get_json()["errors"]
    method = care.worker.post("/api/v1/contacts", json=contact_body(method="telepathy"))
    assert method.status_code == 422 and "method" in method.get_json()["errors"]


def test_the_demo_facility_has_one_resident_out_with_an_escort_and_nothing_overdue(noon, care):
    [out] = care.ok(care.worker.get("/api/v1/units/1/outings"), 200)
    assert (out["destination"], out["escort"], out["overdue"]) == ("community library", "Wren Walker", False)
    assert [g["text"] for g in care.worker.get("/api/v1/residents/1/goals").get_json()][0].startswith("Use a coping")
    assert [c["contact_name"] for c in care.worker.get("/api/v1/residents/1/consents").get_json()] == ["Maria Reyes"]
