"""Reading rounds state from the log: the checks in force (voided ones do not count)."""

from __future__ import annotations

import functools
from datetime import datetime, timedelta

from sqlalchemy import JSON, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session, aliased

from facility.census.levels import ObservationLevel
from facility.census.models import Resident
from facility.db import UTCDateTime
from facility.domain import Absence, registry
from facility.records.codes import AMENDED, VOIDED
from facility.records.models import Event
from facility.rounds.codes import ASLEEP, CHECK, UNABLE_TO_LOCATE, not_seen_reason
from facility.rounds.compliance import CheckAt
from facility.rounds.due import NotSeen, RoundState
from facility.rounds.presence import ScanTiming, scan_timing, validated


def _voided():
    correction = aliased(Event)
    # Compared through coalesce so that SQLite probes the corrects_uid index, not every void of the log.
    return (
        select(correction.id)
        .where(correction.corrects_uid == Event.uid, func.coalesce(correction.kind, "") == VOIDED)
        .exists()
    )


def _effective_data():
    """A check's data as it stands: its latest amendment's, else its own (an amended check counts as amended)."""
    amendment = aliased(Event)
    latest = (
        select(amendment.data["data"])
        .where(amendment.corrects_uid == Event.uid, func.coalesce(amendment.kind, "") == AMENDED)
        .order_by(amendment.id.desc())
        .limit(1)
        .correlate(Event)
        .scalar_subquery()
    )
    return func.coalesce(latest, Event.data, type_=JSON)


def _sighting():
    """A check that saw the resident: found, and not asleep with breathing not seen (codes.not_seen_reason)."""
    data = _effective_data()
    location = func.coalesce(data["location"].as_string(), "")
    state = func.coalesce(data["state"].as_string(), "")
    breathing = data["breathing_observed"].as_boolean()
    return and_(location != UNABLE_TO_LOCATE, or_(state != ASLEEP, breathing.is_not(False)))


def last_checks(
    session: Session,
    resident_ids: list[int],
    before: datetime | None = None,
    since: datetime | None = None,
    sightings: bool = True,
) -> dict[int, datetime]:
    """The occurred_at of each resident's latest check still in force (in [since, before) when given) that saw
    them; with sightings=False, of any outcome.

    One statement; for each resident it walks their checks newest first on the (resident, kind, time) index
    and stops at the first one not voided, so the cost does not grow with the resident's history.
    """
    if not resident_ids:
        return {}
    params = {"ids": list(resident_ids), "before": before, "since": since}
    rows = session.execute(_latest_check_statement(before is not None, since is not None, sightings), params)
    return {rid: at for rid, at in rows if at is not None}


@functools.cache
def _latest_check_statement(bounded_before: bool, bounded_since: bool, sightings: bool):
    # Built once and reused: composing it anew costs far more than running it (every check and board needs it).
    latest = select(Event.occurred_at).where(Event.resident_id == Resident.id, Event.kind == CHECK, ~_voided())
    if sightings:
        latest = latest.where(_sighting())
    if bounded_before:
        latest = latest.where(Event.occurred_at < bindparam("before", type_=UTCDateTime()))
    if bounded_since:
        latest = latest.where(Event.occurred_at >= bindparam("since", type_=UTCDateTime()))
    latest = latest.order_by(Event.occurred_at.desc()).limit(1).correlate(Resident).scalar_subquery()
    return select(Resident.id, latest).where(Resident.id.in_(bindparam("ids", expanding=True)))


def check_records_between(session: Session, resident_ids: list[int], start: datetime, end: datetime) -> list[CheckAt]:
    """Every check in force in [start, end), oldest first, with who made it and whether a scan validated it."""
    if not resident_ids:
        return []
    stmt = (
        select(Event.resident_id, Event.occurred_at, Event.actor_id, _effective_data())
        .where(
            Event.kind == CHECK,
            Event.resident_id.in_(resident_ids),
            ~_voided(),
            Event.occurred_at >= start,
            Event.occurred_at < end,
        )
        .order_by(Event.occurred_at)
    )
    timing = scan_timing()
    return [check_at(rid, at, actor_id, data, timing) for rid, at, actor_id, data in session.execute(stmt).all()]


def check_at(resident_id: int, occurred_at: datetime, actor_id: int | None, data: dict, timing: ScanTiming) -> CheckAt:
    """A stored check as the compliance fold reads it: scanned only when the scan was read at the check."""
    presence = data.get("presence") or {}
    return CheckAt(
        resident_id,
        occurred_at,
        actor_id,
        validated(presence, occurred_at, timing),
        presence.get("reason"),
        seen=not_seen_reason(data.get("location"), data.get("state"), data.get("breathing_observed")) is None,
    )


def not_seen_since(
    session: Session, resident_ids: list[int], sighted: dict[int, datetime], before: datetime | None = None
) -> dict[int, tuple[NotSeen, ...]]:
    """The checks in force after each resident's last sighting (and before `before`) that did not see them.

    Two statements at most: the latest check of any outcome, then, only for the residents whose latest check
    did not see them (a few at most), their checks since the last sighting.
    """
    latest = last_checks(session, resident_ids, before=before, sightings=False)
    unseen = [rid for rid, at in latest.items() if rid not in sighted or at > sighted[rid]]
    if not unseen:
        return {}
    stmt = (
        select(Event.resident_id, Event.occurred_at, _effective_data())
        .where(Event.kind == CHECK, Event.resident_id.in_(unseen), ~_voided())
        .order_by(Event.occurred_at)
    )
    if all(rid in sighted for rid in unseen):
        stmt = stmt.where(Event.occurred_at > min(sighted[rid] for rid in unseen))
    if before is not None:
        stmt = stmt.where(Event.occurred_at < before)
    found: dict[int, list[NotSeen]] = {}
    for rid, at, data in session.execute(stmt):
        if rid in sighted and at <= sighted[rid]:
            continue
        reason = not_seen_reason(data.get("location"), data.get("state"), data.get("breathing_observed"))
        if reason is not None:
            found.setdefault(rid, []).append(NotSeen(at, reason))
    return {rid: tuple(items) for rid, items in found.items()}


# How far back a return from an escorted absence can still be the last sighting (longer than any interval).
RETURN_LOOKBACK = timedelta(hours=6)


def recent_absences(session: Session, resident_ids: list[int], now: datetime) -> list[Absence]:
    """Absences (from whichever domain knows of them) in progress at now or ended within the lookback."""
    return [
        a
        for a in registry().absences(session, resident_ids, now - RETURN_LOOKBACK, now + timedelta(microseconds=1))
        if a.started_at <= now
    ]


def absent_now(absences: list[Absence], now: datetime) -> dict[int, Absence]:
    """The absence each resident is on at now, if any (the latest started when two overlap)."""
    return {a.resident_id: a for a in absences if a.covers(now)}


def round_states(
    session: Session, residents: list[Resident], now: datetime, absences: list[Absence] | None = None
) -> dict[int, RoundState]:
    """RoundState of each resident at now, escorted absences counted as sightings."""
    ids = [r.id for r in residents]
    checks = last_checks(session, ids)
    unseen = not_seen_since(session, ids, checks)
    if absences is None:
        absences = recent_absences(session, ids, now)
    away: dict[int, datetime] = {}
    back: dict[int, datetime] = {}
    for absence in absences:
        if not absence.escorted:
            continue
        if absence.covers(now):
            away[absence.resident_id] = absence.started_at
        elif absence.ended_at is not None:
            back[absence.resident_id] = max(absence.ended_at, back.get(absence.resident_id, absence.ended_at))
    return {
        r.id: RoundState(
            ObservationLevel(r.observation_level),
            r.level_changed_at,
            checks.get(r.id),
            r.admitted_at,
            away_since=away.get(r.id),
            back_at=back.get(r.id),
            not_seen=unseen.get(r.id, ()),
        )
        for r in residents
    }
