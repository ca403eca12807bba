"""Issue 21 (6, 7): the med pass's stored observation says when it was stored, who witnessed it and why."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import new_uid
from tests.integration.medobs_helpers import med, noon, notifier  # noqa: F401


def _observation(pass_, order_id, time):
    return next(d for d in pass_["doses"] if d["order_id"] == order_id and d["time"] == time)["observation"]


def test_an_observation_on_the_med_pass_says_when_it_was_stored(med):
    order = med.order()
    med.clock.now += timedelta(minutes=3)
    posted = med.observe(order["id"], med.clock.now - timedelta(minutes=2))
    assert posted.status_code == 201, posted.get_json()
    shown = _observation(med.med_pass(), order["id"], "12:00")
    assert shown["recorded_at"] == posted.get_json()["recorded_at"] == "2026-06-10T16:03:00+00:00"
    assert shown["occurred_at"] == "2026-06-10T16:01:00+00:00" and shown["late_entry"] is False


def test_a_refusal_on_the_med_pass_names_its_witness_and_reason(med):
    order = med.order()
    med.observe(order["id"], outcome="refused", note="says it makes her drowsy")
    shown = _observation(med.med_pass(), order["id"], "12:00")
    assert shown["witness"] == med.worker.user["name"] and shown["witness_role"] == "worker"
    assert shown["note"] == "says it makes her drowsy"


def test_an_amended_reason_is_the_one_shown(med):
    order = med.order()
    first = med.observe(order["id"], outcome="refused", note="asleep").get_json()
    answer = med.nurse.post(
        f"/api/v1/events/{first['uid']}/amend",
        json={"uid": new_uid(), "reason": "wrong note", "data": {"note": "said no, upset"}},
    )
    assert answer.status_code == 201, answer.get_json()
    shown = _observation(med.med_pass(), order["id"], "12:00")
    assert shown["note"] == "said no, upset" and shown["recorded_at"] == first["recorded_at"]
