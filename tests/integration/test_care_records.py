"""Daily-care records through their endpoints: what is stored, what is refused and why, who may write."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import iso, new_uid
from tests.integration.care_helpers import adl_body, care, meal_body, noon, notifier  # noqa: F401


def events_of(care, resident_id, kind):
    page = care.nurse.get(f"/api/v1/events?unit_id=1&resident_id={resident_id}&kind={kind}").get_json()
    return page["items"]


def test_an_adl_meal_is_stored_with_which_meal_and_how_much_was_eaten(noon, care):
    stored = care.ok(care.meal(40, meal="breakfast", support="limited_assist", note="slow to start"))
    assert (stored["activity"], stored["meal"], stored["percent_eaten"], stored["support"]) == (
        "meal",
        "breakfast",
        40,
        "limited_assist",
    )
    [event] = [e for e in events_of(care, 4, "adl.support") if e["uid"] == stored["uid"]]
    assert event["data"]["percent_eaten"] == 40 and event["actor_id"] == care.worker.user["id"]


@pytest.mark.parametrize(
    "over, field",
    [
        ({"percent_eaten": None}, "percent_eaten"),
        ({"meal": None}, "meal"),
        ({"percent_eaten": 101}, "percent_eaten"),
        ({"percent_eaten": -1}, "percent_eaten"),
        ({"percent_eaten": "half"}, "percent_eaten"),
        ({"meal": "brunch"}, "meal"),
        ({"support": "some"}, "support"),
        ({"activity": "gardening"}, "activity"),
        ({"activity": "hygiene"}, "percent_eaten"),
        ({"activity": "sleep", "meal": None, "percent_eaten": None}, "sleep_hours"),
        ({"activity": "sleep", "meal": None, "percent_eaten": None, "sleep_hours": 25}, "sleep_hours"),
        ({"activity": "fluids", "meal": None, "percent_eaten": None}, "fluids_ml"),
        ({"occurred_at": "2026-06-10T12:00:00"}, "occurred_at"),
    ],
)
def test_an_adl_record_that_does_not_fit_its_activity_is_422_naming_the_field(noon, care, over, field):
    body = {k: v for k, v in {**meal_body(care.clock.now, 50), **over}.items() if v is not None}
    answer = care.worker.post("/api/v1/adl", json=body)
    assert answer.status_code == 422, answer.get_json()
    assert field in answer.get_json()["errors"]
    assert body["uid"] not in {e["uid"] for e in events_of(care, 4, "adl.support")}


def test_sleep_and_fluids_carry_their_measure(noon, care):
    sleep = care.ok(
        care.worker.post(
            "/api/v1/adl", json=adl_body(care.clock.now, activity="sleep", support="independent", sleep_hours=6.5)
        )
    )
    fluids = care.ok(
        care.worker.post(
            "/api/v1/adl", json=adl_body(care.clock.now, activity="fluids", support="supervision", fluids_ml=300)
        )
    )
    assert (sleep["sleep_hours"], fluids["fluids_ml"]) == (6.5, 300)


def test_the_same_uid_and_body_answers_the_stored_record_and_a_different_body_is_409(noon, care):
    body = meal_body(care.clock.now, 50)
    first = care.ok(care.worker.post("/api/v1/adl", json=body))
    again = care.ok(care.worker.post("/api/v1/adl", json=body), 200)
    assert again["id"] == first["id"]
    assert care.worker.post("/api/v1/adl", json={**body, "percent_eaten": 60}).status_code == 409
    assert len([e for e in events_of(care, 4, "adl.support") if e["uid"] == body["uid"]]) == 1


def test_another_units_resident_is_not_found_for_every_care_record(noon, care):
    at = care.clock.now
    assert care.south.post("/api/v1/adl", json=meal_body(at, 50, resident_id=4)).status_code == 404
    note = {"uid": new_uid(), "resident_id": 4, "occurred_at": iso(at), "text": "fine"}
    assert care.south.post("/api/v1/notes", json=note).status_code == 404
    contact = {
        "uid": new_uid(),
        "resident_id": 4,
        "occurred_at": iso(at),
        "contact_name": "Maria Reyes",
        "relationship": "sister",
        "method": "phone",
        "summary": "called",
    }
    assert care.south.post("/api/v1/contacts", json=contact).status_code == 404
    assert care.south.get("/api/v1/residents/4/goals").status_code == 404
    assert care.south.get("/api/v1/residents/4/consents").status_code == 404
    assert care.south.get("/api/v1/units/1/outings").status_code == 404


def test_roles_follow_the_api_contract(noon, care, login):
    admin = login("admin")
    assert admin.post("/api/v1/adl", json=meal_body(care.clock.now, 50)).status_code == 403
    assert care.lead.post("/api/v1/adl", json=meal_body(care.clock.now, 50)).status_code == 403
    goal = {"uid": new_uid(), "text": "Attend two groups a day"}
    assert care.worker.post("/api/v1/residents/4/goals", json=goal).status_code == 403
    assert care.lead.post("/api/v1/residents/4/goals", json=goal).status_code == 201
    consent = {"uid": new_uid(), "contact_name": "Ana", "relationship": "mother", "scope": "contact_only"}
    assert care.worker.post("/api/v1/residents/4/consents", json=consent).status_code == 403
    assert (
        care.lead.post(
            "/api/v1/outings",
            json={
                "uid": new_uid(),
                "resident_id": 4,
                "occurred_at": iso(care.clock.now),
                "destination": "shop",
                "expected_return_at": iso(care.clock.now + timedelta(hours=1)),
            },
        ).status_code
        == 403
    )


def test_a_progress_note_links_to_the_residents_goals_and_the_goal_lists_its_notes(noon, care):
    goal = care.goal(text="Use a coping skill when distressed")
    other = care.goal(text="Sleep before midnight")
    note = {
        "uid": new_uid(),
        "resident_id": 4,
        "occurred_at": iso(care.clock.now),
        "text": "Used breathing",
        "mood": "anxious",
        "engagement": "partial",
        "goal_ids": [goal["id"]],
    }
    stored = care.ok(care.worker.post("/api/v1/notes", json=note))
    assert stored["goal_ids"] == [goal["id"]] and stored["mood"] == "anxious"
    goals = {g["id"]: g for g in care.ok(care.worker.get("/api/v1/residents/4/goals"), 200)}
    assert [n["text"] for n in goals[goal["id"]]["notes"]] == ["Used breathing"]
    assert goals[goal["id"]]["notes"][0]["author"] == "Wren Walker" and goals[other["id"]]["notes"] == []
    detail = care.ok(care.worker.get("/api/v1/residents/4"), 200)
    assert {g["text"] for g in detail["goals"]} >= {"Use a coping skill when distressed", "Sleep before midnight"}


def test_a_note_naming_another_residents_goal_or_an_unknown_mood_is_422(noon, care):
    theirs = care.goal(resident_id=5)
    note = {"uid": new_uid(), "resident_id": 4, "occurred_at": iso(care.clock.now), "text": "ok"}
    answer = care.worker.post("/api/v1/notes", json={**note, "goal_ids": [theirs["id"]]})
    assert answer.status_code == 422 and "not an active goal" in answer.get_json()["errors"]["goal_ids"][0]
    assert "mood" in care.worker.post("/api/v1/notes", json={**note, "mood": "grumpy"}).get_json()["errors"]
    assert "text" in care.worker.post("/api/v1/notes", json={**note, "text": ""}).get_json()["errors"]


def test_a_voided_goal_takes_no_new_notes(noon, care):
    goal = care.goal()
    void = care.nurse.post(f"/api/v1/events/{goal['uid']}/void", json={"uid": new_uid(), "reason": "entered twice"})
    assert void.status_code == 201, void.get_json()
    note = {
        "uid": new_uid(),
        "resident_id": 4,
        "occurred_at": iso(care.clock.now),
        "text": "ok",
        "goal_ids": [goal["id"]],
    }
    assert care.worker.post("/api/v1/notes", json=note).status_code == 422
    assert all(g["id"] != goal["id"] for g in care.worker.get("/api/v1/residents/4/goals").get_json())


def group_body(care, attendees, **over):
    return {
        "uid": new_uid(),
        "unit_id": 1,
        "occurred_at": iso(care.clock.now),
        "topic": "Coping skills",
        "duration_min": 45,
        "attendees": attendees,
        **over,
    }


def test_group_attendance_appears_in_each_attendees_record(noon, care):
    body = group_body(
        care, [{"resident_id": 4, "participation": "active"}, {"resident_id": 5, "participation": "left_early"}]
    )
    group = care.ok(care.worker.post("/api/v1/groups", json=body))
    assert group["facilitator_id"] == care.worker.user["id"] and len(group["attendees"]) == 2
    [mine] = events_of(care, 4, "group.attended")
    [theirs] = events_of(care, 5, "group.attended")
    assert (mine["data"]["participation"], theirs["data"]["participation"]) == ("active", "left_early")
    assert mine["data"]["topic"] == "Coping skills" and events_of(care, 6, "group.attended") == []
    assert care.ok(care.worker.post("/api/v1/groups", json=body), 200)["id"] == group["id"]
    assert len(events_of(care, 4, "group.attended")) == 1  # the replay made no second attendance


def test_a_group_with_a_resident_of_another_unit_or_a_bad_participation_is_422(noon, care):
    south = care.worker.post("/api/v1/groups", json=group_body(care, [{"resident_id": 13, "participation": "active"}]))
    assert south.status_code == 422 and "attendees" in south.get_json()["errors"]
    bad = care.worker.post("/api/v1/groups", json=group_body(care, [{"resident_id": 4, "participation": "asleep"}]))
    assert bad.status_code == 422 and "attendees" in bad.get_json()["errors"]
    twice = [{"resident_id": 4, "participation": "active"}] * 2
    assert "attendees" in care.worker.post("/api/v1/groups", json=group_body(care, twice)).get_json()["errors"]
    assert (
        care.south.post(
            "/api/v1/groups", json=group_body(care, [{"resident_id": 4, "participation": "active"}])
        ).status_code
        == 404
    )
    assert events_of(care, 4, "group.attended") == []


def test_every_care_record_type_goes_through_sync_with_its_endpoints_answers(noon, care):
    at = iso(care.clock.now)
    consent = care.consent()
    group = group_body(care, [{"resident_id": 4, "participation": "passive"}])
    note = {"uid": new_uid(), "resident_id": 4, "occurred_at": at, "text": "settled"}
    contact = {
        "uid": new_uid(),
        "resident_id": 4,
        "occurred_at": at,
        "contact_name": consent["contact_name"],
        "relationship": "sister",
        "method": "video",
        "summary": "planned a visit",
    }
    outing = {
        "uid": new_uid(),
        "resident_id": 4,
        "occurred_at": at,
        "destination": "park",
        "expected_return_at": iso(care.clock.now + timedelta(hours=1)),
    }
    adl = meal_body(care.clock.now, 60)
    back = {"uid": new_uid(), "occurred_at": at, "outing_uid": outing["uid"]}
    results = care.sync(
        ("adl", adl),
        ("note", note),
        ("group", group),
        ("outing", outing),
        ("outing.return", back),
        ("contact", contact),
        ("adl", {**adl, "percent_eaten": 5}),
        ("adl", {**meal_body(care.clock.now, 60), "percent_eaten": 150}),
    )
    assert [r["status"] for r in results] == [201, 201, 201, 201, 201, 201, 409, 422]
    assert "percent_eaten" in results[-1]["errors"]
    assert results[4]["id"] == results[3]["id"]  # the return names the outing its sign-out made
    replay = care.sync(("adl", adl), ("outing", outing))
    assert [(r["status"], r["id"]) for r in replay] == [(200, results[0]["id"]), (200, results[3]["id"])]
    assert [e["data"]["summary"] for e in events_of(care, 4, "contact.made")] == ["planned a visit"]
    assert 4 not in {o["resident_id"] for o in care.worker.get("/api/v1/units/1/outings").get_json()}


CARE_WRITES = [
    "/api/v1/adl",
    "/api/v1/notes",
    "/api/v1/residents/4/goals",
    "/api/v1/groups",
    "/api/v1/outings",
    "/api/v1/outings/1/return",
    "/api/v1/residents/4/consents",
    "/api/v1/contacts",
]
GARBAGE = [
    None,
    [],
    "text",
    {"uid": "not-a-uuid"},
    {"uid": new_uid(), "occurred_at": "yesterday"},
    {"uid": new_uid(), "resident_id": 2**70, "unit_id": "x", "attendees": [None, 1]},
    {
        "uid": new_uid(),
        "resident_id": 4,
        "occurred_at": "2026-06-10T16:00:00+00:00",
        "activity": "meal",
        "support": "refused",
        "meal": "lunch",
        "percent_eaten": True,
        "sleep_hours": "NaN",
    },
    {"uid": new_uid(), "text": "\x00", "contact_name": "\ud800", "goal_ids": [0, -1], "expires_on": "soon"},
    {
        "uid": new_uid(),
        "resident_id": 4,
        "occurred_at": "2026-06-10T16:00:00+00:00",
        "expected_return_at": "9999-12-31T23:59:59+14:00",
        "destination": "x" * 5000,
    },
]


def test_garbage_on_care_endpoints_is_a_4xx_json_answer_never_a_500(noon, care):
    for path in CARE_WRITES:
        for body in GARBAGE:
            answer = care.nurse.post(path, json=body) if body is not None else care.nurse.post(path, data="{x")
            assert 400 <= answer.status_code < 500 and answer.is_json, (path, body, answer.status_code)
    results = care.sync(
        *[(kind, body) for kind in ("adl", "note", "group", "outing", "outing.return", "contact") for body in GARBAGE],
        client=care.nurse,
    )
    assert all(400 <= r["status"] < 500 for r in results)


def test_goals_consents_and_sign_ins_replay_by_uid_and_clash_with_a_different_body(noon, care):
    goal = {"uid": new_uid(), "text": "Attend two groups a day"}
    first = care.ok(care.nurse.post("/api/v1/residents/4/goals", json=goal))
    assert care.ok(care.nurse.post("/api/v1/residents/4/goals", json=goal), 200)["id"] == first["id"]
    assert care.nurse.post("/api/v1/residents/4/goals", json={**goal, "text": "Other"}).status_code == 409
    consent = {"uid": new_uid(), "contact_name": "Ana", "relationship": "mother", "scope": "contact_only"}
    stored = care.ok(care.nurse.post("/api/v1/residents/4/consents", json=consent))
    assert care.ok(care.nurse.post("/api/v1/residents/4/consents", json=consent), 200)["id"] == stored["id"]
    assert care.nurse.post("/api/v1/residents/4/consents", json={**consent, "scope": "full_record"}).status_code == 409
    outing = care.ok(care.sign_out())
    back = {"uid": new_uid(), "occurred_at": iso(care.clock.now)}
    care.ok(care.worker.post(f"/api/v1/outings/{outing['id']}/return", json=back), 200)
    assert care.ok(care.worker.post(f"/api/v1/outings/{outing['id']}/return", json=back), 200)["returned_at"]
    assert len(events_of(care, 4, "outing.returned")) == 1


def test_a_consent_expiring_outside_the_plausible_years_is_422_naming_expires_on(noon, care):
    for day in ("0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"):
        consent = {
            "uid": new_uid(),
            "contact_name": "Ana",
            "relationship": "mother",
            "scope": "contact_only",
            "expires_on": day,
        }
        answer = care.nurse.post("/api/v1/residents/4/consents", json=consent)
        assert answer.status_code == 422 and "expires_on" in answer.get_json()["errors"], day
    assert care.consent(expires_on="2100-12-31")["expires_on"] == "2100-12-31"
