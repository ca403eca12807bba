"""Two steps on the same record at once — a draft plan signed on one tablet while withdrawn on another, a referral
moved on by two case managers — end as one of them, never both: the second waits for the first and is refused with
what the first did. On PostgreSQL, where two writers overlap (SQLite takes its write lock at BEGIN)."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from facility.auth.models import User
from facility.care import outings
from facility.casework import referrals
from facility.clinical import plans
from facility.errors import Conflict
from facility.handoff import services as handoffs
from facility.incidents import episodes
from facility.medobs import services as medobs
from facility.records import services as records
from facility.rounds import assignments
from tests.conftest import ON_POSTGRES, new_uid
from tests.integration.casework_helpers import RESIDENT, casework  # noqa: F401 (fixtures)
from tests.integration.clinical_helpers import clinic, noon, notifier  # noqa: F401 (fixtures)
from tests.integration.incidents_helpers import desk  # noqa: F401 (fixtures)
from tests.integration.medobs_helpers import med  # noqa: F401 (fixtures)
from tests.integration.test_casework_floor import sign_out
from tests.integration.test_clinical_plans import write

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="SQLite takes the write lock at BEGIN: no two steps overlap")


def while_held(app, first, second) -> dict:
    """Runs `first` in a transaction left open while `second` runs in another, then commits the first; what the
    second did: {"done": True} or {"refused": message}. Without a lock the second finishes before the first ends."""
    factory = app.extensions["facility_db"].new_session
    outcome: dict = {}

    def other_tablet():
        with app.app_context():
            session = factory()
            try:
                second(session)
                session.commit()
                outcome["done"] = True
            except Conflict as refused:
                session.rollback()
                outcome["refused"] = str(refused)
            finally:
                session.close()

    with app.app_context():
        session = factory()
        first(session)
        session.flush()
        tablet = threading.Thread(target=other_tablet)
        tablet.start()
        tablet.join(1.0)
        outcome["finished_before_the_first_committed"] = not tablet.is_alive()
        session.commit()
        session.close()
        tablet.join(10)
    return outcome


def user(session, username):
    return session.scalar(select(User).where(User.username == username))


def test_a_draft_signed_and_withdrawn_at_once_is_signed_and_the_withdrawal_refused(clinic):
    plan = write(clinic)
    now = clinic.clock.now

    def sign(session):
        signing = {"uid": new_uid(), "resident_participation": "agreed"}
        plans.sign(session, user(session, "clinician1"), plan["id"], signing, now)

    def withdraw(session):
        records.void(session, user(session, "clinician1"), plan["uid"], {"uid": new_uid(), "reason": "wrong"}, now)

    outcome = while_held(clinic.app, sign, withdraw)
    assert outcome.get("finished_before_the_first_committed") is False  # it waited for the signature
    assert "signed version" in outcome.get("refused", ""), outcome
    shown = clinic.ok(clinic.clinician.get("/api/v1/residents/4/plan"), 200)
    assert (shown["id"], shown["status"]) == (plan["id"], "in_force"), shown


def test_a_referral_moved_on_twice_at_once_takes_one_step(casework):
    referral = casework.draft()
    casework.walk(referral["id"], "sent")
    now = casework.clock.now

    def accept(session):
        step = {"uid": new_uid(), "occurred_at": now, "status": "accepted"}
        referrals.change_status(session, user(session, "casemanager1"), referral["id"], step, now)

    outcome = while_held(casework.app, accept, accept)
    assert outcome.get("finished_before_the_first_committed") is False
    assert "accepted" in outcome.get("refused", ""), outcome
    steps = casework.ok(casework.cm.get(f"/api/v1/referrals/{referral['id']}"), 200)["steps"]
    assert [s["status"] for s in steps].count("accepted") == 1


def test_an_order_stopped_twice_at_once_is_stopped_once(med):
    order = med.order()
    now = med.clock.now

    def stop(session):
        body = {"uid": new_uid(), "reason": "switched to a depot injection", "occurred_at": None}
        medobs.stop_order(session, user(session, "nurse1"), order["id"], body, now)

    outcome = while_held(med.app, stop, stop)
    assert "stopped already" in outcome.get("refused", ""), outcome


def test_a_resident_signed_back_in_twice_at_once_is_back_once(casework):
    outing = casework.ok(sign_out(casework))
    now = casework.clock.now

    def back(session):
        body = {"uid": new_uid(), "outing_id": outing["id"], "occurred_at": now}
        outings.sign_in(session, user(session, "worker1"), body, now)

    outcome = while_held(casework.app, back, back)
    assert "signed in already" in outcome.get("refused", ""), outcome


def test_a_resident_signed_out_twice_at_once_is_out_once(casework):
    now = casework.clock.now

    def out(session):
        body = {
            "uid": new_uid(),
            "resident_id": RESIDENT,
            "occurred_at": now,
            "destination": "Riverbend clinic",
            "escort_id": None,
            "vehicle": None,
            "expected_return_at": now + timedelta(hours=2),
        }
        outings.sign_out(session, user(session, "worker1"), body, now)

    outcome = while_held(casework.app, out, out)
    assert "signed out already" in outcome.get("refused", ""), outcome


def test_a_handoff_acknowledged_twice_at_once_is_acknowledged_once(clinic):
    built = clinic.ok(clinic.lead.post("/api/v1/handoffs", json={"unit_id": 1}))
    now = clinic.clock.now

    def acknowledge(session):
        handoffs.acknowledge(session, user(session, "lead1"), built["id"], "read", now)

    outcome = while_held(clinic.app, acknowledge, acknowledge)
    assert "acknowledged already" in outcome.get("refused", ""), outcome


def test_two_workers_taking_the_same_resident_at_once_one_gets_them_and_the_other_is_told(demo, add_staff, notifier):
    add_staff("worker3", ["North"], role="worker")
    now = demo.config["CLOCK"]()

    def take(username):
        def run(session):
            me = user(session, username)
            assignments.replace(session, me, 1, {"assignments": [{"user_id": me.id, "resident_ids": [2]}]}, now)

        return run

    outcome = while_held(demo, take("worker1"), take("worker3"))
    assert "already assigned" in outcome.get("refused", ""), outcome


def test_two_nurses_starting_a_hold_of_one_resident_on_two_reports_at_once_start_one(desk):
    first, second = desk.file(), desk.file()
    now = desk.clock.now

    def start(incident):
        def run(session):
            body = {
                "uid": new_uid(),
                "resident_id": 1,
                "kind": "physical_hold",
                "started_at": now,
                "ordered_by": "Dr A. Osei",
                "ordered_at": now,
            }
            episodes.start_episode(session, user(session, "nurse1"), incident["id"], body, now)

        return run

    outcome = while_held(desk.app, start(first), start(second))
    assert "is running since" in outcome.get("refused", ""), outcome
