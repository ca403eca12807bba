"""Episode use cases: start a restraint or seclusion, monitor it, the face-to-face, renew its order, end it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.census.models import Resident
from facility.census.scope import ensure_active
from facility.census.writes import write
from facility.db import hold, locked
from facility.errors import Conflict, Invalid, NotFound
from facility.incidents.codes import CLOSED_STATUS, ENDED, EPISODE_STARTED, FACE_TO_FACE, MONITORED, ORDERED, RENEWED
from facility.incidents.models import Episode, EpisodeCheck
from facility.incidents.rules import TOTAL_LIMIT, first_order_expires, order_length, renewed_expiry
from facility.incidents.services import scoped_incident
from facility.incidents.views import episode_view
from facility.permissions import require
from facility.records.audit import record_access
from facility.records.log import NewEvent, find_replay
from facility.records.services import record
from facility.timeutil import facility_zone
from facility.words import say

# An order written more than this after the start is not the order of this episode.
ORDER_AFTER_START = timedelta(hours=1)


def _hhmm(moment: datetime) -> str:
    return f"{moment.astimezone(facility_zone()):%a %H:%M}"


def _episode_of(session: Session, uid: str) -> Episode:
    return session.scalar(select(Episode).where(Episode.uid == str(uid)))


def scoped_episode(session: Session, actor: User, episode_id: int, lock: bool = False) -> Episode:
    """The episode if it is on one of the caller's units, else NotFound; locked for a step that changes it."""
    episode = locked(session, Episode, episode_id) if lock else session.get(Episode, episode_id)
    if episode is None or episode.unit_id not in actor.unit_ids:
        raise NotFound("no such episode")
    return episode


def start_episode(
    session: Session, actor: User, incident_id: int, cmd: dict[str, Any], now: datetime
) -> tuple[Episode, bool]:
    """A nurse documents a restraint or seclusion of one of the incident's residents, with the physician's order."""
    require(actor, "episodes.start")
    incident = scoped_incident(session, actor, incident_id, lock=True)
    body = {"incident_id": incident.id, **cmd}
    if (prior := find_replay(session, cmd["uid"], body)) is not None:
        if prior.kind == ORDERED:
            return session.get(Episode, prior.data["episode_id"]), False
        if prior.kind != EPISODE_STARTED:
            raise Conflict(f"uid {cmd['uid']} was already used for a different record")
        return _episode_of(session, prior.uid), False
    if incident.status == CLOSED_STATUS:
        raise Conflict("this incident is closed; file a new report for a new crisis")
    if cmd["resident_id"] not in incident.resident_ids:
        raise Invalid.field("resident_id", "is not one of this incident's residents")
    resident = session.get(Resident, cmd["resident_id"])
    ensure_active(resident)
    started, ordered = cmd["started_at"], cmd["ordered_at"]
    if started < resident.admitted_at:
        raise Invalid.field("started_at", "is before the resident's admission")
    if ordered > started + ORDER_AFTER_START:
        raise Invalid.field("ordered_at", "is more than an hour after the start; enter the order of this episode")
    length = order_length(resident.date_of_birth, started, facility_zone())
    expires = first_order_expires(started, ordered, length)
    if expires <= started:
        raise Invalid.field("ordered_at", f"this order had run out ({_hhmm(expires)}) before the start")
    data = {
        "ordered_by": cmd["ordered_by"],
        "ordered_at": ordered,
        "order_minutes": int(length.total_seconds() // 60),
        "order_expires_at": expires,
    }
    if (opened := _to_complete(session, incident.id, resident.id, cmd["kind"])) is not None:
        return _complete(session, actor, opened, cmd, data, body, now), True
    hold(session, Resident, resident.id)  # two nurses starting one at once, on two reports: the second is told
    clash = session.scalar(
        select(Episode).where(
            Episode.resident_id == resident.id, Episode.kind == cmd["kind"], Episode.ended_at.is_(None)
        )
    )
    if clash is not None and clash.order_expires_at is None:
        raise Conflict(
            f"a {say(cmd['kind'])} of this resident since {_hhmm(clash.started_at)} was reported on "
            f"incident {clash.incident_id} and waits to be completed: enter its order on episode {clash.id}"
        )
    if clash is not None:
        raise Conflict(
            f"a {say(cmd['kind'])} of this resident is running since {_hhmm(clash.started_at)}; end it first"
        )
    event, is_new = record(
        session,
        actor,
        NewEvent(
            EPISODE_STARTED,
            cmd["uid"],
            incident.unit_id,
            resident.id,
            started,
            {"incident_id": incident.id, "kind": cmd["kind"], **data},
            body,
        ),
        now,
    )
    return _episode_of(session, event.uid), is_new


def _to_complete(session: Session, incident_id: int, resident_id: int, kind: str) -> Episode | None:
    """The episode this incident's report opened for that resident and kind, still waiting for its order."""
    return session.scalar(
        select(Episode).where(
            Episode.incident_id == incident_id,
            Episode.resident_id == resident_id,
            Episode.kind == kind,
            Episode.opened_from_report.is_(True),
            Episode.order_expires_at.is_(None),
        )
    )


def _complete(
    session: Session,
    actor: User,
    episode: Episode,
    cmd: dict[str, Any],
    order: dict[str, Any],
    body: dict[str, Any],
    now: datetime,
) -> Episode:
    """The nurse documents the episode a report opened: the order, and the start as the nurse knows it."""
    started = cmd["started_at"]
    if episode.ended_at is not None and started > episode.ended_at:
        raise Invalid.field("started_at", f"is after the episode ended ({_hhmm(episode.ended_at)})")
    first_check = session.scalar(
        select(EpisodeCheck.at).where(EpisodeCheck.episode_id == episode.id).order_by(EpisodeCheck.at).limit(1)
    )
    if first_check is not None and started > first_check:
        raise Invalid.field("started_at", f"is after the first monitoring check ({_hhmm(first_check)})")
    record(
        session,
        actor,
        NewEvent(
            ORDERED,
            cmd["uid"],
            episode.unit_id,
            episode.resident_id,
            started,
            {"episode_id": episode.id, "started_at": started, **order},
            body,
        ),
        now,
    )
    return episode


def _during(episode: Episode, at: datetime, what: str, after_end: bool = False) -> None:
    if at < episode.started_at:
        raise Invalid.field("occurred_at", f"is before the episode started ({_hhmm(episode.started_at)})")
    if not after_end and episode.ended_at is not None and at > episode.ended_at:
        raise Conflict(f"this episode ended at {_hhmm(episode.ended_at)}; no {what} after it")


def _on_episode(
    session: Session,
    actor: User,
    action: str,
    episode_id: int,
    kind: str,
    cmd: dict[str, Any],
    at: datetime,
    data_for: Callable[[Episode], dict[str, Any]],
    now: datetime,
) -> tuple[Episode, bool]:
    """A record on an episode of the caller's units, in the one shape of a write (facility.census.writes)."""
    episode = None

    def whose() -> Resident:
        nonlocal episode
        episode = scoped_episode(session, actor, episode_id, lock=True)
        return session.get(Resident, episode.resident_id)

    _event, is_new = write(
        session,
        actor,
        action=action,
        kind=kind,
        uid=cmd["uid"],
        body={"episode_id": episode_id, **cmd},
        whose=whose,
        data_for=lambda _resident: {"episode_id": episode.id, **data_for(episode)},
        occurred_at=at,
        now=now,
    )
    return episode, is_new


def monitor(session: Session, actor: User, episode_id: int, cmd: dict[str, Any], now: datetime) -> tuple[Episode, bool]:
    """A monitoring check (worker, nurse, lead): restarts the 15-minute clock."""

    def data_for(episode: Episode) -> dict[str, Any]:
        _during(episode, cmd["occurred_at"], "monitoring")
        return {"state": cmd.get("state"), "checks": cmd.get("checks") or [], "note": cmd.get("note")}

    at = cmd["occurred_at"]
    return _on_episode(session, actor, "episodes.monitor", episode_id, MONITORED, cmd, at, data_for, now)


def face_to_face(
    session: Session, actor: User, episode_id: int, cmd: dict[str, Any], now: datetime
) -> tuple[Episode, bool]:
    """The face-to-face evaluation (nurse, lead), once per episode; it may follow a release within the hour."""

    def data_for(episode: Episode) -> dict[str, Any]:
        if episode.face_to_face_at is not None:
            raise Conflict(f"the face-to-face was documented at {_hhmm(episode.face_to_face_at)}")
        _during(episode, cmd["occurred_at"], "face-to-face", after_end=True)
        return {"findings": cmd["findings"], "continue_episode": cmd["continue_episode"]}

    at = cmd["occurred_at"]
    return _on_episode(session, actor, "episodes.order", episode_id, FACE_TO_FACE, cmd, at, data_for, now)


def renew(session: Session, actor: User, episode_id: int, cmd: dict[str, Any], now: datetime) -> tuple[Episode, bool]:
    """A renewed order (nurse, lead): its length again from its order time, never past 24 h from the start."""
    ordered = cmd["ordered_at"]

    def data_for(episode: Episode) -> dict[str, Any]:
        if episode.ended_at is not None:
            raise Conflict(f"this episode ended at {_hhmm(episode.ended_at)}")
        if episode.order_expires_at is None:
            raise Conflict("no order of this episode is entered yet; enter the order first")
        if ordered < episode.started_at:
            raise Invalid.field("ordered_at", "is before the episode started")
        resident = session.get(Resident, episode.resident_id)
        expires = renewed_expiry(
            episode.started_at, ordered, order_length(resident.date_of_birth, episode.started_at, facility_zone())
        )
        if expires <= episode.order_expires_at:
            limit = episode.started_at + TOTAL_LIMIT
            why = (
                "the orders reach 24 hours from the start"
                if episode.order_expires_at >= limit
                else f"the order runs until {_hhmm(episode.order_expires_at)} already"
            )
            raise Invalid.field("ordered_at", f"this renewal adds no time: {why}")
        return {"ordered_by": cmd["ordered_by"], "ordered_at": ordered, "expires_at": expires}

    at = min(ordered, now)
    return _on_episode(session, actor, "episodes.order", episode_id, RENEWED, cmd, at, data_for, now)


def end(session: Session, actor: User, episode_id: int, cmd: dict[str, Any], now: datetime) -> tuple[Episode, bool]:
    """The release (nurse, lead): the clocks stop and their alerts resolve."""

    def data_for(episode: Episode) -> dict[str, Any]:
        if episode.ended_at is not None:
            raise Conflict(f"this episode ended at {_hhmm(episode.ended_at)} already")
        _during(episode, cmd["occurred_at"], "end")
        last = session.scalar(
            select(EpisodeCheck.at)
            .where(EpisodeCheck.episode_id == episode.id)
            .order_by(EpisodeCheck.at.desc())
            .limit(1)
        )
        if last is not None and cmd["occurred_at"] < last:
            raise Invalid.field("occurred_at", f"is before the last monitoring check ({_hhmm(last)})")
        return {"note": cmd.get("note")}

    at = cmd["occurred_at"]
    return _on_episode(session, actor, "episodes.order", episode_id, ENDED, cmd, at, data_for, now)


def read_episode(session: Session, actor: User, episode_id: int, now: datetime) -> dict[str, Any]:
    """One episode with its clocks, orders and checks (audited)."""
    episode = scoped_episode(session, actor, episode_id)
    record_access(session, actor.id, "read:episode", target=f"episode:{episode.id}", resident_id=episode.resident_id)
    return episode_view(session, episode, now)
