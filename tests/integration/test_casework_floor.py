"""Appointments on the floor: the board (and so the care page) says what a resident has today, signing them out for
it links the outing, and case records entered wrong are amended or voided (a referral's steps are not)."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import Clock, iso, new_uid
from tests.integration.casework_helpers import RESIDENT, casework, notifier  # noqa: F401 (fixtures)

# 10:00 EDT on Wed 10 Jun 2026.
MORNING = datetime(2026, 6, 10, 14, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    return Clock.at(MORNING)


def book(casework, starts_at, provider="Dr Patel", escort=True, transport=False, resident_id=RESIDENT):
    body = {
        "uid": new_uid(),
        "resident_id": resident_id,
        "starts_at": iso(starts_at),
        "provider": provider,
        "place": "Riverbend clinic",
        "escort_needed": escort,
        "transport_needed": transport,
    }
    return casework.ok(casework.cm.post("/api/v1/appointments", json=body))


def today_of(casework, resident_id=RESIDENT, client=None):
    rows = casework.ok((client or casework.worker).get("/api/v1/units/1/board"), 200)["residents"]
    return [t["line"] for t in next(r for r in rows if r["id"] == resident_id)["today"]]


def sign_out(casework, resident_id=RESIDENT, **over):
    body = {
        "uid": new_uid(),
        "resident_id": resident_id,
        "occurred_at": iso(casework.clock.now),
        "destination": "Riverbend clinic",
        "escort_id": casework.worker.user["id"],
        "expected_return_at": iso(casework.clock.now + timedelta(hours=2)),
        **over,
    }
    return casework.worker.post("/api/v1/outings", json=body)


def amend(client, uid, data, reason="entered wrongly"):
    return client.post(f"/api/v1/events/{uid}/amend", json={"uid": new_uid(), "reason": reason, "data": data})


def verified(casework):
    """`flask facility verify`: every projection row is what the events alone say (corrections included)."""
    result = casework.app.test_cli_runner().invoke(args=["facility", "verify"])
    return result.exit_code == 0 or result.stdout


def void(client, uid, reason="entered in error"):
    return client.post(f"/api/v1/events/{uid}/void", json={"uid": new_uid(), "reason": reason})


def test_the_board_says_what_a_resident_has_today_and_not_tomorrow(casework):
    book(casework, MORNING + timedelta(hours=4), transport=True)  # 14:00 EDT
    book(casework, MORNING + timedelta(hours=1), "Harbor Dental", escort=False)  # 11:00 EDT
    book(casework, MORNING + timedelta(days=1), "Dr Tomorrow")
    assert today_of(casework) == ["11:00 Harbor Dental", "14:00 Dr Patel — escort, transport"]
    # the demo's own appointment of today, and nothing for a resident without one
    assert [line.split(" ", 1)[1] for line in today_of(casework, 7)] == ["Dr Okafor — escort"]
    assert today_of(casework, 8) == []


def test_signing_out_for_the_appointment_links_the_outing_and_the_case_page_says_so(casework):
    appointment = book(casework, MORNING + timedelta(hours=4))
    assert appointment["outing_uid"] is None and appointment["left_at"] is None
    casework.clock.advance(hours=3, minutes=20)  # 13:20 EDT
    outing = casework.ok(sign_out(casework, appointment_uid=appointment["uid"]))
    assert today_of(casework) == ["14:00 Dr Patel — left 13:20"]
    moved = amend(casework.worker, outing["uid"], {"appointment_uid": new_uid()})
    assert moved.status_code == 422 and "appointment_uid" in str(moved.get_json()["errors"])
    assert amend(casework.worker, outing["uid"], {"destination": "Riverbend clinic, 2nd floor"}).status_code == 201
    assert today_of(casework) == ["14:00 Dr Patel — left 13:20"]  # an amended sign-out still names it
    assert verified(casework) is True
    html = casework.cm.get(f"/residents/{RESIDENT}/case").get_data(as_text=True)
    assert "left for it at 13:20" in html
    assert "left for it 13:20" in casework.worker.get(f"/residents/{RESIDENT}").get_data(as_text=True)
    # the outing is voided (entered in error): the appointment has not been left for after all
    assert void(casework.worker, outing["uid"]).status_code == 201
    assert today_of(casework) == ["14:00 Dr Patel — escort"]
    assert "left for it" not in casework.cm.get(f"/residents/{RESIDENT}/case").get_data(as_text=True)
    assert verified(casework) is True


def test_signed_back_in_from_the_appointment_the_floor_says_back_and_a_voided_sign_in_undoes_it(casework):
    appointment = book(casework, MORNING + timedelta(hours=4))
    casework.clock.advance(hours=3, minutes=20)  # 13:20 EDT
    outing = casework.ok(sign_out(casework, appointment_uid=appointment["uid"]))
    casework.clock.advance(hours=2, minutes=20)  # 15:40 EDT
    back = {"uid": new_uid(), "occurred_at": iso(casework.clock.now)}
    assert casework.ok(casework.worker.post(f"/api/v1/outings/{outing['id']}/return", json=back), 200)["returned_at"]
    assert today_of(casework) == ["14:00 Dr Patel — back 15:40"]
    html = casework.cm.get(f"/residents/{RESIDENT}/case").get_data(as_text=True)
    assert "left for it at 13:20" in html and "back at 15:40" in html
    # the sign-in was entered in error: the resident is out again, and the floor says so
    assert void(casework.worker, back["uid"]).status_code == 201
    assert today_of(casework) == ["14:00 Dr Patel — left 13:20"]
    assert verified(casework) is True


def test_an_outing_may_name_only_an_appointment_of_the_resident_on_its_day(casework):
    other = book(casework, MORNING + timedelta(hours=2), resident_id=8)
    tomorrow = book(casework, MORNING + timedelta(days=1))
    for uid in (other["uid"], tomorrow["uid"], new_uid()):
        answer = sign_out(casework, appointment_uid=uid)
        assert answer.status_code == 422 and "appointment_uid" in answer.get_json()["errors"], answer.get_json()
    assert casework.ok(sign_out(casework))["returned_at"] is None  # an outing for no appointment, as before


def test_a_sign_out_for_the_appointment_sent_later_from_the_offline_queue_is_checked_on_its_own_day(casework):
    appointment = book(casework, MORNING + timedelta(hours=4))
    casework.clock.advance(hours=3, minutes=30)
    queued = {
        "uid": new_uid(),
        "resident_id": RESIDENT,
        "occurred_at": iso(casework.clock.now),
        "destination": "Riverbend clinic",
        "expected_return_at": iso(casework.clock.now + timedelta(hours=2)),
        "appointment_uid": appointment["uid"],
    }
    wrong = {**queued, "uid": new_uid(), "resident_id": 8}
    casework.clock.advance(minutes=10)  # the tablet was offline a while
    answer = casework.worker.post(
        "/api/v1/sync", json={"records": [{"type": "outing", "body": wrong}, {"type": "outing", "body": queued}]}
    )
    results = casework.ok(answer, 200)["results"]
    assert [r["status"] for r in results] == [422, 201] and "appointment_uid" in results[0]["errors"]
    assert today_of(casework) == ["14:00 Dr Patel — left 13:30"]


def test_an_appointment_entered_wrong_is_amended_or_voided_and_the_floor_follows(casework):
    appointment = book(casework, MORNING + timedelta(hours=4))
    answer = amend(casework.cm, appointment["uid"], {"provider": "Dr Prakash", "transport_needed": True})
    assert answer.status_code == 201, answer.get_json()
    assert today_of(casework) == ["14:00 Dr Prakash — escort, transport"]
    bad = amend(casework.cm, appointment["uid"], {"starts_at": "not a time"})
    assert bad.status_code == 422 and "data" in bad.get_json()["errors"]
    assert void(casework.cm, appointment["uid"]).status_code == 201
    assert today_of(casework) == []
    assert "Dr Prakash" not in casework.cm.get(f"/residents/{RESIDENT}/case").get_data(as_text=True)
    again = void(casework.cm, appointment["uid"])
    assert again.status_code == 409
    assert verified(casework) is True


def test_a_needs_assessment_and_a_follow_up_are_corrected_and_a_plan_revision_voided(casework):
    needs = {
        "uid": new_uid(),
        "occurred_at": iso(casework.clock.now),
        "rater": "staff",
        "ratings": {"housing": "unmet"},
    }
    stored = casework.ok(casework.cm.post(f"/api/v1/residents/{RESIDENT}/needs", json=needs))
    assert amend(casework.cm, stored["uid"], {"ratings": {"housing": "met"}}).status_code == 201
    [now_said] = casework.ok(casework.cm.get(f"/api/v1/residents/{RESIDENT}/needs"), 200)
    assert now_said["ratings"] == {"housing": "met"}
    assert void(casework.cm, stored["uid"]).status_code == 201
    assert casework.ok(casework.cm.get(f"/api/v1/residents/{RESIDENT}/needs"), 200) == []

    def plan(planned_on, aftercare=None):
        body = {
            "uid": new_uid(),
            "planned_on": planned_on.isoformat(),
            "destination": "own flat",
            "checklist": dict.fromkeys(
                ("housing_confirmed", "medications_arranged", "crisis_plan_given", "family_informed"), False
            ),
            **({"aftercare": aftercare} if aftercare else {}),
        }
        return casework.ok(casework.cm.put(f"/api/v1/residents/{RESIDENT}/discharge-plan", json=body), 200)

    today = MORNING.date()
    first = plan(today + timedelta(days=20))
    second = plan(today + timedelta(days=1))  # a wrong date: discharge tomorrow with no aftercare
    assert casework.alerts("discharge_without_aftercare") == [("discharge_without_aftercare", "warning", RESIDENT)]
    assert void(casework.cm, second["uid"]).status_code == 201
    assert casework.alerts("discharge_without_aftercare") == []  # the plan in force is the first again
    html = casework.cm.get(f"/residents/{RESIDENT}/case").get_data(as_text=True)
    assert f"(revision {first['revision']})" in html
    fixed = amend(casework.cm, first["uid"], {"checklist": {**first["checklist"], "housing_confirmed": True}})
    assert fixed.status_code == 201
    assert "✓ housing confirmed" in casework.cm.get(f"/residents/{RESIDENT}/case").get_data(as_text=True)
    assert void(casework.cm, first["uid"]).status_code == 201
    assert "No discharge plan yet." in casework.cm.get(f"/residents/{RESIDENT}/case").get_data(as_text=True)
    assert plan(today + timedelta(days=30))["revision"] == 3  # numbers never repeat

    discharged = {"uid": new_uid(), "occurred_at": iso(casework.clock.now)}
    casework.ok(casework.lead.post(f"/api/v1/residents/{RESIDENT}/discharge", json=discharged), 200)
    casework.clock.advance(days=2)
    body = {"uid": new_uid(), "occurred_at": iso(casework.clock.now), "kind": "no_contact"}
    follow = casework.ok(casework.cm.post(f"/api/v1/residents/{RESIDENT}/follow-ups", json=body))
    assert amend(casework.cm, follow["uid"], {"kind": "contact_made", "note": "called back"}).status_code == 201
    window = {"unit_id": 1, "from": iso(MORNING - timedelta(days=1)), "to": iso(MORNING + timedelta(days=1))}
    figures = casework.ok(casework.lead.get("/api/v1/reports/transitions", query_string=window), 200)
    assert figures["followed_up_within_7_days"] == 1  # the amended follow-up reached them
    assert void(casework.cm, follow["uid"]).status_code == 201
    figures = casework.ok(casework.lead.get("/api/v1/reports/transitions", query_string=window), 200)
    assert figures["followed_up_within_7_days"] == 0
    assert verified(casework) is True  # voided records have no rows, a voided revision kept its number


def test_a_referral_step_is_never_corrected_a_wrong_step_is_refused_instead(casework):
    referral = casework.draft()
    sent = casework.walk(referral["id"], "sent")
    assert amend(casework.cm, referral["uid"], {"need": "income_benefits"}).status_code == 409
    step_uid = sent["steps"][-1]["uid"]
    assert void(casework.cm, step_uid).status_code == 409
    assert casework.step(referral["id"], "completed", outcome="need_met").status_code == 409


def test_the_case_page_offers_each_form_only_to_whom_the_permission_table_gives_it(casework):
    def forms(client):
        html = client.get(f"/residents/{RESIDENT}/case").get_data(as_text=True)
        return [f for f in ("appointment-form", "plan-form", "follow-up-form") if f'id="{f}"' in html]

    assert forms(casework.cm) == ["appointment-form", "plan-form"]  # a follow-up waits for the discharge
    assert forms(casework.nurse) == ["appointment-form"]
    assert forms(casework.lead) == []
    discharged = {"uid": new_uid(), "occurred_at": iso(casework.clock.now)}
    casework.ok(casework.lead.post(f"/api/v1/residents/{RESIDENT}/discharge", json=discharged), 200)
    assert "follow-up-form" in forms(casework.cm)
    assert "No follow-up yet." in casework.cm.get(f"/residents/{RESIDENT}/case").get_data(as_text=True)
