"""Medication orders, the med pass and observations through the API."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import new_uid
from tests.integration.medobs_helpers import TODAY, at_local, med, noon, notifier, obs_body, open_alerts, order_body  # noqa: F401


def _dose(pass_, order_id, time):
    return next(d for d in pass_["doses"] if d["order_id"] == order_id and d["time"] == time)


def test_a_nurse_orders_and_the_worker_sees_the_dose_in_its_window(med):
    order = med.order()
    assert order["status"] == "active" and order["allergies"] == ["latex"]
    dose = _dose(med.med_pass(), order["id"], "12:00")
    assert dose["scheduled_for"] == "2026-06-10T16:00:00+00:00"
    assert dose["window_start"] == "2026-06-10T15:00:00+00:00" and dose["window_end"] == "2026-06-10T17:00:00+00:00"
    assert dose["status"] == "pending" and dose["allergies"] == ["latex"]
    assert dose["display_name"].endswith("N104")


def test_only_a_nurse_enters_orders(med):
    answer = med.worker.post("/api/v1/medications/orders", json=order_body())
    assert answer.status_code == 403


def test_order_validation_names_the_fields(med):
    answer = med.nurse.post("/api/v1/medications/orders", json=order_body(route="by magic", start_date="soon"))
    assert answer.status_code == 422
    assert {"start_date", "route"} <= set(answer.get_json()["errors"])
    answer = med.nurse.post("/api/v1/medications/orders", json=order_body(times=[]))
    assert answer.status_code == 422 and "times" in answer.get_json()["errors"]
    answer = med.nurse.post("/api/v1/medications/orders", json=order_body(times=[], prn=True))
    assert {"prn_indication", "prn_max_per_24h"} <= set(answer.get_json()["errors"])


def test_the_window_is_configurable(med):
    med.app.config["MEDPASS_WINDOW_MINUTES"] = 30
    order = med.order()
    dose = _dose(med.med_pass(), order["id"], "12:00")
    assert dose["window_start"] == "2026-06-10T15:30:00+00:00" and dose["window_end"] == "2026-06-10T16:30:00+00:00"


def test_a_taken_dose_is_observed_with_the_worker_as_witness(med):
    order = med.order()
    answer = med.observe(order["id"])
    assert answer.status_code == 201, answer.get_json()
    stored = answer.get_json()
    assert stored["scheduled_for"] == "2026-06-10T16:00:00+00:00"
    assert stored["witness_id"] == med.worker.user["id"]
    dose = _dose(med.med_pass(), order["id"], "12:00")
    assert dose["status"] == "observed" and dose["observation"]["outcome"] == "taken"
    assert open_alerts(med.app, "med_refused") == []


def test_a_second_observation_of_the_same_dose_is_409_and_a_retry_is_200(med):
    order = med.order()
    body = obs_body(order["id"], med.clock.now)
    assert med.worker.post("/api/v1/medobs", json=body).status_code == 201
    assert med.worker.post("/api/v1/medobs", json=body).status_code == 200
    again = med.observe(order["id"], med.clock.now - timedelta(minutes=5), outcome="refused")
    assert again.status_code == 409
    assert "amend" in again.get_json()["message"]


def test_the_first_observation_is_changed_by_amending_it(med):
    order = med.order()
    first = med.observe(order["id"]).get_json()
    answer = med.nurse.post(
        f"/api/v1/events/{first['uid']}/amend",
        json={"uid": new_uid(), "reason": "she spat it out after", "data": {"outcome": "refused"}},
    )
    assert answer.status_code == 201, answer.get_json()
    assert _dose(med.med_pass(), order["id"], "12:00")["observation"]["outcome"] == "refused"
    assert open_alerts(med.app, "med_refused") == [("med_refused", "warning", 4)]


def test_a_voided_observation_frees_the_dose(med):
    order = med.order()
    first = med.observe(order["id"], outcome="refused").get_json()
    answer = med.nurse.post(f"/api/v1/events/{first['uid']}/void", json={"uid": new_uid(), "reason": "wrong resident"})
    assert answer.status_code == 201
    assert _dose(med.med_pass(), order["id"], "12:00")["status"] == "pending"
    assert open_alerts(med.app, "med_refused") == []
    assert med.observe(order["id"]).status_code == 201


def test_every_outcome_is_stored(med):
    orders = [med.order(times=["12:00"]) for _ in range(6)]
    outcomes = [
        ("taken", {}),
        ("partial", {}),
        ("refused", {}),
        ("held", {"held_reason": "BP 85/50"}),
        ("not_available", {}),
        ("spit_out_suspected", {}),
    ]
    for order, (outcome, extra) in zip(orders, outcomes):
        answer = med.observe(order["id"], outcome=outcome, **extra)
        assert answer.status_code == 201, (outcome, answer.get_json())
        assert answer.get_json()["outcome"] == outcome


def test_held_needs_its_reason_and_unknown_outcomes_are_named(med):
    order = med.order()
    answer = med.observe(order["id"], outcome="held")
    assert answer.status_code == 422 and "held_reason" in answer.get_json()["errors"]
    answer = med.observe(order["id"], outcome="swallowed")
    assert answer.status_code == 422 and "outcome" in answer.get_json()["errors"]


def test_an_observation_far_from_any_dose_is_422_naming_scheduled_for(med):
    order = med.order()
    answer = med.observe(order["id"], at_local("15:30") - timedelta(hours=3) - timedelta(hours=3))
    assert answer.status_code == 422 and "scheduled_for" in answer.get_json()["errors"]


def test_a_refusal_raises_med_refused_and_the_second_in_a_row_is_critical(med):
    order = med.order()
    assert med.observe(order["id"], outcome="refused").status_code == 201
    assert open_alerts(med.app, "med_refused") == [("med_refused", "warning", 4)]
    med.clock.now = at_local("20:05")
    assert med.observe(order["id"], outcome="refused").status_code == 201
    assert open_alerts(med.app, "med_refused") == [("med_refused", "warning", 4), ("med_refused", "critical", 4)]
    pushed = [p for e, p, _room in med.pushes.sent if e == "alert" and p["kind"] == "med_refused"]
    assert [p["severity"] for p in pushed] == ["warning", "critical"]
    assert "second refusal" in pushed[-1]["message"]


def test_a_refusal_after_a_taken_dose_is_only_a_warning(med):
    order = med.order()
    med.observe(order["id"])
    med.clock.now = at_local("20:00")
    med.observe(order["id"], outcome="refused")
    assert open_alerts(med.app, "med_refused") == [("med_refused", "warning", 4)]


def test_side_effects_raise_an_alert_critical_for_the_severe_list(med):
    mild, severe = med.order(times=["12:00"]), med.order(times=["12:00"])
    med.observe(mild["id"], side_effects=["drowsiness"])
    med.observe(severe["id"], side_effects=["swelling_face_lips_tongue"])
    assert open_alerts(med.app, "side_effect") == [("side_effect", "warning", 4), ("side_effect", "critical", 4)]


def test_a_stopped_order_leaves_the_med_pass(med):
    order = med.order()
    answer = med.nurse.post(
        f"/api/v1/medications/orders/{order['id']}/stop",
        json={"uid": new_uid(), "reason": "switched to a depot injection"},
    )
    assert answer.status_code == 201 and answer.get_json()["status"] == "stopped"
    assert [d for d in med.med_pass()["doses"] if d["order_id"] == order["id"]] == []
    assert med.observe(order["id"]).status_code == 422


def test_a_replayed_stop_answers_the_documented_200_with_the_stopped_order(med):
    order = med.order()
    stop = {"uid": new_uid(), "reason": "ended"}
    first = med.nurse.post(f"/api/v1/medications/orders/{order['id']}/stop", json=stop)
    again = med.nurse.post(f"/api/v1/medications/orders/{order['id']}/stop", json=stop)
    assert (first.status_code, again.status_code) == (201, 200) and again.get_json() == first.get_json()
    spec = med.nurse.get("/api/v1/openapi.json").get_json()
    assert "200" in spec["paths"]["/api/v1/medications/orders/{order_id}/stop"]["post"]["responses"]


def test_a_dose_after_midnight_belongs_to_its_scheduled_day(med):
    order = med.order(times=["00:30"])
    med.clock.now = at_local("23:40")
    answer = med.observe(order["id"])
    assert answer.status_code == 201, answer.get_json()
    # 00:30 on 11 June EDT
    assert answer.get_json()["scheduled_for"] == "2026-06-11T04:30:00+00:00"
    tomorrow = med.med_pass("2026-06-11")
    assert _dose(tomorrow, order["id"], "00:30")["status"] == "observed"
    today = [d for d in med.med_pass(TODAY)["doses"] if d["order_id"] == order["id"]]
    assert all(d["status"] != "observed" for d in today)


def test_medobs_is_a_sync_type(med):
    order = med.order()
    body = obs_body(order["id"], med.clock.now, outcome="refused")
    answer = med.worker.post(
        "/api/v1/sync",
        json={"records": [{"type": "medobs", "body": body}, {"type": "medobs", "body": {**body, "uid": new_uid()}}]},
    )
    assert [r["status"] for r in answer.get_json()["results"]] == [201, 409]
    assert open_alerts(med.app, "med_refused") == [("med_refused", "warning", 4)]


def test_a_worker_of_another_unit_gets_404(med, login):
    order = med.order()
    other = login("worker2")
    assert other.post("/api/v1/medobs", json=obs_body(order["id"], med.clock.now)).status_code == 404
    assert other.get("/api/v1/units/1/med-pass").status_code == 404


def test_the_demo_facility_has_orders_on_north(med):
    pass_ = med.med_pass()
    assert {d["medication"] for d in pass_["doses"]} >= {"olanzapine", "lithium carbonate"}
    assert [p["medication"] for p in pass_["prn"]] == ["lorazepam"]


def test_a_dose_is_not_observed_before_its_window_opens(med):
    order = med.order()
    answer = med.observe(order["id"], scheduled_for="2026-06-11T00:00:00+00:00")  # tonight's 20:00 dose
    assert answer.status_code == 422
    assert "window opens at 19:00" in answer.get_json()["errors"]["scheduled_for"][0]


def test_an_id_too_big_for_the_database_is_422_naming_it(med):
    answer = med.observe(2**64)
    assert answer.status_code == 422 and "order_id" in answer.get_json()["errors"]


def test_the_residents_detail_lists_the_orders_in_force_with_allergies(med):
    ordered = med.nurse.post("/api/v1/medications/orders", json=order_body(resident_id=1)).get_json()
    detail = med.nurse.get("/api/v1/residents/1").get_json()
    assert ordered["id"] in [o["id"] for o in detail["orders"]]
    assert all(o["allergies"] == detail["allergies"] == ["penicillin"] for o in detail["orders"])
    med.nurse.post(f"/api/v1/medications/orders/{ordered['id']}/stop", json={"uid": new_uid(), "reason": "ended"})
    assert ordered["id"] not in [o["id"] for o in med.nurse.get("/api/v1/residents/1").get_json()["orders"]]
