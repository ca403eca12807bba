"""One goal table, owned by the plan: a goal of the signed plan is picked on a progress note like a goal set from the
floor; a draft's goals wait for its signature; a goal a later version drops takes no more notes; `facility verify`
folds the table again from the events of both."""

from __future__ import annotations

from tests.conftest import iso, new_uid
from tests.integration.clinical_helpers import NOON, clinic, noon, notifier  # noqa: F401


def version(clinic, resident_id=4, goals=None):
    goals = goals or [("sleep", "I want to sleep through the night")]
    body = {
        "uid": new_uid(),
        "occurred_at": iso(NOON),
        "problems": [{"key": "p1", "text": "Poor sleep"}],
        "goals": [{"key": key, "problem": "p1", "text": text, "target_date": "2026-07-10"} for key, text in goals],
        "objectives": [
            {"key": f"o-{key}", "goal": key, "text": "In bed by 23:00", "target_date": "2026-06-24"} for key, _ in goals
        ],
        "interventions": [
            {"objective": f"o-{key}", "modality": "cbt", "frequency": "weekly", "responsible_role": "clinician"}
            for key, _ in goals
        ],
    }
    return clinic.ok(clinic.clinician.post(f"/api/v1/residents/{resident_id}/plans", json=body))


def sign(clinic, plan):
    body = {"uid": new_uid(), "resident_participation": "agreed"}
    return clinic.ok(clinic.clinician.post(f"/api/v1/plans/{plan['id']}/sign", json=body), 200)


def note(clinic, goal_ids, resident_id=4, text="Slept until six"):
    body = {"uid": new_uid(), "resident_id": resident_id, "occurred_at": iso(clinic.clock.now), "text": text}
    return clinic.worker.post("/api/v1/notes", json={**body, "goal_ids": goal_ids, "mood": "calm"})


def listed(clinic, resident_id=4):
    return {g["id"]: g for g in clinic.ok(clinic.worker.get(f"/api/v1/residents/{resident_id}/goals"), 200)}


def floor_goal(clinic, text="Attend two groups a day"):
    return clinic.ok(clinic.nurse.post("/api/v1/residents/4/goals", json={"uid": new_uid(), "text": text}))


def test_a_goal_of_the_signed_plan_is_picked_on_a_note_beside_a_goal_set_from_the_floor(clinic):
    draft = version(clinic)
    goal_id = draft["goals"][0]["id"]
    waiting = note(clinic, [goal_id])
    assert waiting.status_code == 422 and "not an active goal" in waiting.get_json()["errors"]["goal_ids"][0]
    assert goal_id not in listed(clinic)

    sign(clinic, draft)
    floor = floor_goal(clinic)
    assert floor["id"] != goal_id and not floor["from_plan"]
    goals = listed(clinic)
    assert goals[goal_id]["text"] == "I want to sleep through the night" and goals[goal_id]["from_plan"]
    assert goals[goal_id]["set_by"]  # the clinician who wrote the version that first named it

    stored = note(clinic, [goal_id, floor["id"]])
    assert stored.status_code == 201, stored.get_json()
    goals = listed(clinic)
    assert [n["text"] for n in goals[goal_id]["notes"]] == ["Slept until six"]
    assert [n["text"] for n in goals[floor["id"]]["notes"]] == ["Slept until six"]
    detail = clinic.ok(clinic.nurse.get("/api/v1/residents/4"), 200)
    shown = {g["id"]: g for g in detail["goals"]}
    assert shown[goal_id]["notes"][0]["text"] == "Slept until six" and shown[floor["id"]]["text"] == floor["text"]
    page = clinic.nurse.get("/residents/4").get_data(as_text=True)
    assert f'data-goal-id="{goal_id}"' in page and "On the treatment plan" in page


def test_a_goal_keeps_its_id_and_its_notes_while_its_key_is_kept_and_rests_once_a_signed_version_drops_it(clinic):
    first = version(clinic)
    sign(clinic, first)
    goal_id = first["goals"][0]["id"]
    assert note(clinic, [goal_id]).status_code == 201

    reworded = version(clinic, goals=[("sleep", "Sleep through the night most nights")])
    assert reworded["goals"][0]["id"] == goal_id
    assert listed(clinic)[goal_id]["text"] == "I want to sleep through the night"  # the draft is not in force yet
    sign(clinic, reworded)
    goals = listed(clinic)
    assert goals[goal_id]["text"] == "Sleep through the night most nights" and len(goals[goal_id]["notes"]) == 1

    moved_on = version(clinic, goals=[("groups", "Go to one group a day")])
    sign(clinic, moved_on)
    new_id = moved_on["goals"][0]["id"]
    assert goal_id not in listed(clinic) and new_id in listed(clinic)
    refused = note(clinic, [goal_id])
    assert refused.status_code == 422 and "goal_ids" in refused.get_json()["errors"]
    assert note(clinic, [new_id]).status_code == 201


def test_a_plan_goal_is_not_another_residents(clinic):
    plan = version(clinic, resident_id=5)
    sign(clinic, plan)
    refused = note(clinic, [plan["goals"][0]["id"]], resident_id=4)
    assert refused.status_code == 422 and "goal_ids" in refused.get_json()["errors"]


def test_the_goal_table_is_folded_again_from_the_events_of_the_floor_and_of_the_plan(clinic):
    voided = floor_goal(clinic, "Entered twice")
    void = {"uid": new_uid(), "reason": "entered twice"}
    assert clinic.nurse.post(f"/api/v1/events/{voided['uid']}/void", json=void).status_code == 201
    amended = floor_goal(clinic, "Call home weekly")
    fix = {"uid": new_uid(), "reason": "wording", "data": {"text": "Call home every Sunday"}}
    assert clinic.nurse.post(f"/api/v1/events/{amended['uid']}/amend", json=fix).status_code == 201
    sign(clinic, version(clinic))
    version(clinic, goals=[("sleep", "reworded, unsigned"), ("walk", "Walk daily")])
    result = clinic.app.test_cli_runner().invoke(args=["facility", "verify"])
    assert result.exit_code == 0, result.output
    assert "every projection matches the events" in result.output
    goals = listed(clinic)
    assert voided["id"] not in goals and goals[amended["id"]]["text"] == "Call home every Sunday"
