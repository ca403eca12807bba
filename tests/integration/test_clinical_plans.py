"""The treatment plan: append-only versions, signed with the resident's participation, goals that keep their ids,
the plan in force with its review, and plan_review_due when the review date passes."""

from __future__ import annotations

import pytest

from tests.conftest import iso, new_uid
from tests.integration.clinical_helpers import NOON, clinic, noon, notifier, open_alerts  # noqa: F401


def plan_body(goal_text="I want to sleep through the night", review_days=None, **over):
    body = {
        "uid": new_uid(),
        "occurred_at": iso(NOON),
        "problems": [{"key": "p1", "text": "Depressed mood with poor sleep", "icd10": "F32.1"}],
        "goals": [{"key": "g1", "problem": "p1", "text": goal_text, "target_date": "2026-07-10"}],
        "objectives": [
            {"key": "o1", "goal": "g1", "text": "In bed by 23:00 on 5 nights of 7", "target_date": "2026-06-24"}
        ],
        "interventions": [
            {"objective": "o1", "modality": "cbt", "frequency": "twice a week", "responsible_role": "clinician"},
            {"objective": "o1", "modality": "psychoeducation", "frequency": "daily", "responsible_role": "nurse"},
        ],
        **over,
    }
    if review_days:
        body["review_days"] = review_days
    return body


def write(clinic, resident_id=4, **over):
    return clinic.ok(clinic.clinician.post(f"/api/v1/residents/{resident_id}/plans", json=plan_body(**over)))


def sign(clinic, plan, participation="agreed", client=None):
    return (client or clinic.clinician).post(
        f"/api/v1/plans/{plan['id']}/sign", json={"uid": new_uid(), "resident_participation": participation}
    )


def test_a_version_is_a_draft_until_signed_and_then_the_plan_in_force(clinic):
    draft = write(clinic)
    assert (draft["status"], draft["version"], draft["signed_at"]) == ("draft", 1, None)
    assert clinic.nurse.get("/api/v1/residents/4/plan").status_code == 404
    signed = clinic.ok(sign(clinic, draft), 200)
    assert (signed["status"], signed["resident_participation"]) == ("in_force", "agreed")
    plan = clinic.ok(clinic.worker.get("/api/v1/residents/4/plan"), 200)
    assert plan["id"] == draft["id"] and plan["next_review_due"].startswith("2026-07-10")
    assert plan["goals"][0]["text"] == "I want to sleep through the night"
    assert [i["responsible_role"] for i in plan["interventions"]] == ["clinician", "nurse"]


def test_a_new_version_keeps_each_goals_id_while_its_key_is_kept_and_the_old_one_is_kept_too(clinic):
    first = write(clinic)
    clinic.ok(sign(clinic, first), 200)
    second = write(clinic, goal_text="Sleep through the night most nights")
    assert second["version"] == 2 and second["goals"][0]["id"] == first["goals"][0]["id"]
    assert second["objectives"][0]["id"] == first["objectives"][0]["id"]
    assert clinic.ok(clinic.nurse.get("/api/v1/residents/4/plan"), 200)["id"] == first["id"]  # v2 is a draft
    clinic.ok(sign(clinic, second, "declined_to_sign"), 200)
    plan = clinic.ok(clinic.nurse.get("/api/v1/residents/4/plan"), 200)
    assert (plan["id"], plan["earlier_versions"], plan["resident_participation"]) == (
        second["id"],
        [first["id"]],
        "declined_to_sign",
    )
    assert plan["goals"][0]["text"] == "Sleep through the night most nights"
    again = sign(clinic, first)
    assert again.status_code == 409


def test_only_its_author_signs_and_only_a_clinician_writes(clinic, add_staff, login):
    draft = write(clinic)
    add_staff("clinician2", ["North"], "clinician")
    assert sign(clinic, draft, client=login("clinician2")).status_code == 403
    assert sign(clinic, draft, client=clinic.nurse).status_code == 403
    assert clinic.nurse.post("/api/v1/residents/4/plans", json=plan_body()).status_code == 403
    assert clinic.clinician.post("/api/v1/residents/13/plans", json=plan_body()).status_code == 404


@pytest.mark.parametrize(
    "over, field",
    [
        ({"goals": [{"key": "g1", "problem": "p9", "text": "x"}]}, "goals"),
        (
            {
                "interventions": [
                    {"objective": "o9", "modality": "cbt", "frequency": "weekly", "responsible_role": "nurse"}
                ]
            },
            "interventions",
        ),
        (
            {
                "interventions": [
                    {"objective": "o1", "modality": "yoga", "frequency": "weekly", "responsible_role": "nurse"}
                ]
            },
            "interventions",
        ),
        ({"problems": [{"key": "p1", "text": "a"}, {"key": "p1", "text": "b"}]}, "problems"),
        ({"objectives": [{"key": "o1", "goal": "g1", "text": "no date"}]}, "objectives"),
    ],
)
def test_a_plan_whose_parts_do_not_link_up_is_422_naming_the_part(clinic, over, field):
    answer = clinic.clinician.post("/api/v1/residents/4/plans", json=plan_body(**over))
    assert answer.status_code == 422 and field in answer.get_json()["errors"], answer.get_json()


def test_the_review_falls_due_after_review_days_and_a_new_signed_version_clears_it(clinic):
    from facility.scheduler import sweep

    clinic.app.config["SESSION_IDLE_MINUTES"] = 30 * 24 * 60
    clinic.ok(sign(clinic, write(clinic, review_days=7)), 200)
    clinic.clock.advance(days=6, hours=23)
    sweep(clinic.app, clinic.clock.now)
    assert open_alerts(clinic.app, "plan_review_due") == []
    clinic.clock.advance(hours=2)
    sweep(clinic.app, clinic.clock.now)
    assert open_alerts(clinic.app, "plan_review_due") == [("plan_review_due", "warning", 4)]
    body = plan_body(review_days=7)
    body["occurred_at"] = iso(clinic.clock.now)
    second = clinic.ok(clinic.clinician.post("/api/v1/residents/4/plans", json=body))
    clinic.ok(sign(clinic, second), 200)
    assert open_alerts(clinic.app, "plan_review_due") == []


def test_a_session_addresses_objectives_of_the_plan_in_force_only(clinic):
    from tests.integration.test_clinical_sessions import session_body

    plan = write(clinic)
    objective = plan["objectives"][0]["id"]
    refused = clinic.clinician.post("/api/v1/sessions", json=session_body(resident_ids=(4,), objective_ids=[objective]))
    assert refused.status_code == 422 and "objective_ids" in refused.get_json()["errors"]  # a draft is not in force
    clinic.ok(sign(clinic, plan), 200)
    note = clinic.ok(
        clinic.clinician.post("/api/v1/sessions", json=session_body(resident_ids=(4,), objective_ids=[objective]))
    )
    assert note["objective_ids"] == [objective]


def test_the_plan_page_prints_the_plan_in_force_with_its_signature_block_and_marks_a_draft(clinic):
    draft = write(clinic)
    page = clinic.nurse.get("/residents/4/plan").get_data(as_text=True)
    assert "<strong>DRAFT</strong>, not signed: not in force" in page
    clinic.ok(sign(clinic, draft), 200)
    page = clinic.worker.get("/residents/4/plan").get_data(as_text=True)
    assert "Version 1 —" in page and "in force since" in page and "“I want to sleep through the night”" in page
    assert f'data-goal-id="{draft["goals"][0]["id"]}"' in page and "Resident's participation" in page
    assert "Agreed" in page or "agreed" in page
    assert "No treatment plan has been written" in clinic.nurse.get("/residents/5/plan").get_data(as_text=True)
    assert clinic.nurse.get("/residents/13/plan").status_code == 404


def test_the_caseload_shows_when_each_plan_is_to_be_reviewed_and_flags_one_that_is_due(clinic):
    clinic.app.config["SESSION_IDLE_MINUTES"] = 30 * 24 * 60
    clinic.ok(sign(clinic, write(clinic, review_days=3)), 200)

    def line():
        page = clinic.clinician.get("/clinical").get_data(as_text=True)
        return page.split('data-resident-id="4"')[1].split("</tr>")[0]

    assert "due since" not in line() and "Sat 13 Jun" in line()
    clinic.clock.advance(days=3, hours=1)
    assert "due since Sat 13 Jun" in line()
