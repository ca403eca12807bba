"""The incident projections folded again from the log alone, as `projection.py` keeps them (`flask facility verify`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.domain import ProjectedTable, Projection
from facility.incidents import codes
from facility.incidents.models import Episode, EpisodeCheck, EpisodeOrder, Incident, IncidentAddendum, IncidentStep
from facility.records.verify import Log, instant

INCIDENTS = ProjectedTable(
    Incident,
    ("uid",),
    (
        "unit_id",
        "author_id",
        "status",
        "occurred_at",
        "severity",
        "category",
        "resident_ids",
        "report",
        "created_at",
        "updated_at",
    ),
)
STEPS = ProjectedTable(IncidentStep, ("uid",), ("incident_id", "status", "actor_id", "at", "note"))
ADDENDA = ProjectedTable(IncidentAddendum, ("uid",), ("incident_id", "author_id", "at", "text"))
EPISODES = ProjectedTable(
    Episode,
    ("uid",),
    (
        "incident_id",
        "unit_id",
        "resident_id",
        "kind",
        "started_at",
        "started_by_id",
        "order_minutes",
        "order_expires_at",
        "last_monitored_at",
        "face_to_face_at",
        "face_to_face_by_id",
        "face_to_face_findings",
        "ended_at",
        "ended_by_id",
        "end_note",
    ),
)
ORDERS = ProjectedTable(
    EpisodeOrder, ("uid",), ("episode_id", "ordered_by", "ordered_at", "expires_at", "renewal", "entered_by_id")
)
CHECKS = ProjectedTable(EpisodeCheck, ("uid",), ("episode_id", "at", "by_id", "state", "checks", "note"))

STATUS_OF = {codes.REVIEWED: codes.REVIEWED_STATUS, codes.CLOSED: codes.CLOSED_STATUS}


def _fill(row: dict[str, Any], report: dict[str, Any]) -> None:
    row["report"] = {k: v for k, v in report.items() if k in codes.REPORT_KEYS}
    row["occurred_at"] = instant(report.get("occurred_at"))
    row["severity"], row["category"] = report.get("severity"), report.get("category")
    row["resident_ids"] = list(report.get("resident_ids") or [])


def rebuild(session: Session, log: Log) -> dict[str, dict[tuple, dict[str, Any]]]:
    """Reports with their steps and addenda, episodes with orders and checks, as the events say.

    Events name a report or an episode by its row id; which uid that id is comes from the table (a row deleted
    below the API then shows as missing, and the records naming it cannot be placed).
    """
    incident_uid = dict(session.execute(select(Incident.id, Incident.uid)).all())
    episode_uid = dict(session.execute(select(Episode.id, Episode.uid)).all())
    incident_id = {uid: id_ for id_, uid in incident_uid.items()}
    episode_id = {uid: id_ for id_, uid in episode_uid.items()}
    incidents: dict[tuple, dict[str, Any]] = {}
    steps, addenda, episodes, orders, checks = {}, {}, {}, {}, {}

    def step(record: Any, uid: str | None, status: str) -> None:
        if (uid,) in incidents:
            incidents[(uid,)].update(status=status, updated_at=record.recorded_at)
        steps[(record.uid,)] = {
            "incident_id": incident_id.get(uid, record.data.get("incident_id")),
            "status": status,
            "actor_id": record.actor_id,
            "at": record.recorded_at,
            "note": record.data.get("note"),
        }

    incident_kinds = (codes.DRAFTED, codes.DRAFT_EDITED, codes.SUBMITTED, codes.REVIEWED, codes.CLOSED, codes.ADDENDUM)
    for record in log.of(*incident_kinds):
        data = record.data
        named = incident_uid.get(data.get("incident_id"))
        if record.kind == codes.DRAFTED or (record.kind == codes.SUBMITTED and data.get("incident_id") is None):
            status = codes.DRAFT if record.kind == codes.DRAFTED else codes.SUBMITTED_STATUS
            row = {
                "unit_id": record.unit_id,
                "author_id": record.actor_id,
                "status": status,
                "created_at": record.recorded_at,
                "updated_at": record.recorded_at,
            }
            _fill(row, data)
            incidents[(record.uid,)] = row
            step(record, record.uid, status)
        elif record.kind == codes.DRAFT_EDITED and (named,) in incidents:
            row = incidents[(named,)]
            _fill(row, data if data.get("replaces") else {**row["report"], **data})
            row["updated_at"] = record.recorded_at
        elif record.kind == codes.SUBMITTED:
            if (named,) in incidents:
                _fill(incidents[(named,)], data)
            step(record, named, codes.SUBMITTED_STATUS)
        elif record.kind in STATUS_OF:
            step(record, named, STATUS_OF[record.kind])
        elif record.kind == codes.ADDENDUM:
            addenda[(record.uid,)] = {
                "incident_id": data["incident_id"],
                "author_id": record.actor_id,
                "at": record.recorded_at,
                "text": data["text"],
            }

    for record in log.of(codes.EPISODE_STARTED, codes.MONITORED, codes.FACE_TO_FACE, codes.RENEWED, codes.ENDED):
        data = record.data
        if record.kind == codes.EPISODE_STARTED:
            expires = instant(data["order_expires_at"])
            episodes[(record.uid,)] = {
                "incident_id": data["incident_id"],
                "unit_id": record.unit_id,
                "resident_id": record.resident_id,
                "kind": data["kind"],
                "started_at": record.occurred_at,
                "started_by_id": record.actor_id,
                "order_minutes": data["order_minutes"],
                "order_expires_at": expires,
                "last_monitored_at": None,
                "face_to_face_at": None,
                "face_to_face_by_id": None,
                "face_to_face_findings": None,
                "ended_at": None,
                "ended_by_id": None,
                "end_note": None,
            }
            orders[(record.uid,)] = {
                "episode_id": episode_id.get(record.uid),
                "ordered_by": data["ordered_by"],
                "ordered_at": instant(data["ordered_at"]),
                "expires_at": expires,
                "renewal": False,
                "entered_by_id": record.actor_id,
            }
            continue
        named = episode_uid.get(data.get("episode_id"))
        episode = episodes.get((named,))
        if episode is None:
            continue
        if record.kind == codes.RENEWED:
            expires = instant(data["expires_at"])
            orders[(record.uid,)] = {
                "episode_id": data["episode_id"],
                "ordered_by": data["ordered_by"],
                "ordered_at": instant(data["ordered_at"]),
                "expires_at": expires,
                "renewal": True,
                "entered_by_id": record.actor_id,
            }
            episode["order_expires_at"] = expires
        elif record.kind == codes.MONITORED:
            checks[(record.uid,)] = {
                "episode_id": data["episode_id"],
                "at": record.occurred_at,
                "by_id": record.actor_id,
                "state": data.get("state"),
                "checks": list(data.get("checks") or []),
                "note": data.get("note"),
            }
            last = episode["last_monitored_at"]
            if last is None or record.occurred_at > last:
                episode["last_monitored_at"] = record.occurred_at
        elif record.kind == codes.FACE_TO_FACE:
            episode.update(
                face_to_face_at=record.occurred_at,
                face_to_face_by_id=record.actor_id,
                face_to_face_findings=data["findings"],
            )
        elif record.kind == codes.ENDED:
            episode.update(ended_at=record.occurred_at, ended_by_id=record.actor_id, end_note=data.get("note"))
    return {
        INCIDENTS.name: incidents,
        STEPS.name: steps,
        ADDENDA.name: addenda,
        EPISODES.name: episodes,
        ORDERS.name: orders,
        CHECKS.name: checks,
    }


PROJECTION = Projection((INCIDENTS, STEPS, ADDENDA, EPISODES, ORDERS, CHECKS), rebuild)
