"""A full shift of one unit recorded through the API in-process, in time order, with the app's clock following.

Every record goes through its real endpoint, validation, handlers and projections: Q15 checks of every
resident, the scheduled doses, ADL and fluids, progress notes, three incidents and a physical hold with its
monitoring, face-to-face and end.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import func, select

from bench.facility_gen import MED_TIMES, PASSWORD, Clock, UnitData, local_at, zone_of
from facility.records.models import Event
from facility.timeutil import ShiftWindow

ACTIVITIES = ("hygiene", "oral_care", "dressing", "grooming", "toileting", "room_care")
MOODS = ("calm", "cheerful", "anxious", "low")


class Client:
    """A test client logged in as one user, sending the CSRF header on writes."""

    def __init__(self, app, username: str) -> None:
        self.http = app.test_client()
        answer = self.http.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
        assert answer.status_code == 200, answer.get_json()
        self.csrf = answer.get_json()["csrf_token"]

    def post(self, path: str, body: dict) -> dict:
        answer = self.http.post(path, json=body, headers={"X-CSRFToken": self.csrf})
        if answer.status_code not in (200, 201):
            raise RuntimeError(f"{path} answered {answer.status_code}: {answer.get_json()}")
        return answer.get_json()


def _uid() -> str:
    return str(uuid.uuid4())


def _plan(unit: UnitData, window: ShiftWindow, zone) -> list[tuple[datetime, str, str, object]]:
    """(moment, who, path, body) of every record of the shift but the episode's; body may be a callable."""
    start, end = window.start, window.end
    plan = []
    for k in range(int((end - start) / timedelta(minutes=15))):
        for n, rid in enumerate(unit.resident_ids):
            at = start + timedelta(minutes=15 * k, seconds=20 * n + 30)
            plan.append(
                (
                    at,
                    "worker",
                    "/api/v1/rounds/checks",
                    {"resident_id": rid, "location": "own_room", "state": "awake_calm"},
                )
            )
    day = start.astimezone(zone).date()
    for order_id, rid in unit.orders:
        for offset in (0, 1):
            for hhmm in MED_TIMES:
                at = local_at(day + timedelta(days=offset), hhmm, zone) + timedelta(minutes=5)
                if start <= at < end:
                    plan.append(
                        (at, "worker", "/api/v1/medobs", {"resident_id": rid, "order_id": order_id, "outcome": "taken"})
                    )
    for n, rid in enumerate(unit.resident_ids):
        for i, activity in enumerate(ACTIVITIES):
            at = start + timedelta(minutes=40 + 65 * i, seconds=30 * n)
            plan.append(
                (at, "worker", "/api/v1/adl", {"resident_id": rid, "activity": activity, "support": "supervision"})
            )
        plan.append(
            (
                start + timedelta(hours=3, seconds=30 * n),
                "worker",
                "/api/v1/adl",
                {"resident_id": rid, "activity": "fluids", "support": "independent", "fluids_ml": 250},
            )
        )
        for i in range(4):
            plan.append(
                (
                    start + timedelta(minutes=70 + 110 * i, seconds=30 * n),
                    "worker",
                    "/api/v1/notes",
                    {
                        "resident_id": rid,
                        "text": "Spent the hour in the dayroom; settled.",
                        "mood": MOODS[(n + i) % len(MOODS)],
                        "engagement": "partial",
                    },
                )
            )
    for i in range(3):
        at = start + timedelta(hours=2 * i + 1, minutes=50)
        pair = [unit.resident_ids[3 * i], unit.resident_ids[3 * i + 1]]
        plan.append(
            (
                at,
                "worker",
                "/api/v1/incidents",
                {
                    "unit_id": unit.unit_id,
                    "occurred_at": (at - timedelta(minutes=10)).isoformat(),
                    "location": "dayroom",
                    "resident_ids": pair,
                    "staff_ids": [unit.worker_id],
                    "category": "verbal_aggression",
                    "severity": "moderate",
                    "antecedent": "dispute over the phone",
                    "behavior": "shouting, threatening",
                    "consequence": "calmed",
                    "interventions": ["verbal_deescalation"],
                    "narrative": "Two residents argued over the phone; staff talked both down.",
                },
            )
        )
    return plan


def _episode_plan(rid: int, incident_id: int, at: datetime) -> list[tuple[datetime, str, str, object]]:
    """A physical hold of one of the incident's residents: start, monitoring every 15 min, face-to-face, end."""
    holder: dict = {}

    def start_body():
        return {
            "resident_id": rid,
            "kind": "physical_hold",
            "started_at": at.isoformat(),
            "ordered_by": "Dr A. Osei",
            "ordered_at": at.isoformat(),
        }

    plan = [(at, "nurse", f"/api/v1/incidents/{incident_id}/episodes", (start_body, holder))]
    for minutes in (10, 25, 40):
        plan.append(
            (
                at + timedelta(minutes=minutes),
                "worker",
                lambda: f"/api/v1/episodes/{holder['id']}/monitoring",
                {"state": "calm", "checks": ["breathing_ok", "circulation_ok"]},
            )
        )
    plan.append(
        (
            at + timedelta(minutes=30),
            "nurse",
            lambda: f"/api/v1/episodes/{holder['id']}/face-to-face",
            {"findings": "Calm, no injury; continue until settled."},
        )
    )
    plan.append(
        (
            at + timedelta(minutes=45),
            "nurse",
            lambda: f"/api/v1/episodes/{holder['id']}/end",
            {"note": "Released, calm."},
        )
    )
    return sorted(plan, key=lambda step: step[0])


def record_shift(app, clock: Clock, unit: UnitData, window: ShiftWindow) -> int:
    """Record the shift in [window.start, window.end); returns how many events the unit holds in that window."""
    zone = zone_of(app)
    clients = {"worker": Client(app, unit.username("worker")), "nurse": Client(app, unit.username("nurse"))}
    plan = sorted(_plan(unit, window, zone), key=lambda step: step[0])
    incidents = 0
    for at, who, path, body in plan:
        clock.now = at + timedelta(seconds=15)
        answer = clients[who].post(path, {"uid": _uid(), "occurred_at": at.isoformat(), **body})
        if path.endswith("/incidents"):
            incidents += 1
            if incidents == 2:  # the second incident became a physical hold
                hold = _episode_plan(answer["resident_ids"][0], answer["id"], at + timedelta(minutes=2))
                _run_episode(clock, clients, hold)
    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        count = session.scalar(
            select(func.count())
            .select_from(Event)
            .where(Event.unit_id == unit.unit_id, Event.occurred_at >= window.start, Event.occurred_at < window.end)
        )
        session.close()
    return count


def _run_episode(clock: Clock, clients: dict, plan: list) -> None:
    for at, who, path, body in plan:
        clock.now = at + timedelta(seconds=15)
        if isinstance(body, tuple):  # the start: remember the episode's id for the steps after it
            make, holder = body
            holder["id"] = clients[who].post(path, {"uid": _uid(), **make()})["id"]
            continue
        clients[who].post(path() if callable(path) else path, {"uid": _uid(), "occurred_at": at.isoformat(), **body})
