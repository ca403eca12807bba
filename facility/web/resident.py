"""What the resident page reads, whatever domains there are: a day of the record in force, and detail fields in
words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.auth.services import staff_names
from facility.census import services as census
from facility.census.scope import resident_for
from facility.domain import registry
from facility.records.audit import record_access
from facility.records.log import corrections_of, effective_data
from facility.records.models import Event
from facility.rounds.codes import MISSING
from facility.rounds.state import round_states
from facility.timeutil import local_to_utc
from facility.words import say

# Fields every detail item carries for machines, not for the reader of the page.
_BOOKKEEPING = {"id", "uid", "resident_id", "unit_id", "display_name", "allergies"}
_CODE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)+")  # own_room, awake_calm: a code, read as words


@dataclass(frozen=True)
class TimelineLine:
    """One record in force on the resident's day: local time, what (in words), who, and how it was entered."""

    at: str
    what: str
    who: str
    kind: str
    amended: bool
    late_entry: bool


def local_day(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """[local midnight, next local midnight) in UTC: 23 or 25 hours on a DST day."""
    return local_to_utc(day, time(0), zone), local_to_utc(day + timedelta(days=1), time(0), zone)


def day_timeline(session: Session, actor: User, resident_id: int, day: date, zone: ZoneInfo) -> list[TimelineLine]:
    """Every record of the resident that occurred on the local day and is in force, oldest first (audited).

    The caller has already checked that the actor may see the resident. Amendments show the corrected data;
    a voided record is left out. Any domain's kinds are read the same way, each through its declared describer.
    """
    start, end = local_day(day, zone)
    record_access(
        session,
        actor.id,
        "read:timeline",
        target=f"resident:{resident_id}",
        resident_id=resident_id,
        day=day.isoformat(),
    )
    events = list(
        session.scalars(
            select(Event)
            .where(
                Event.resident_id == resident_id,
                Event.corrects_uid.is_(None),
                Event.occurred_at >= start,
                Event.occurred_at < end,
            )
            .order_by(Event.occurred_at, Event.id)
        )
    )
    corrections = corrections_of(session, [e.uid for e in events])
    extra = registry().timeline(session, resident_for(session, actor, resident_id), start, end)
    actors = {e.actor_id for e in events} | {entry.actor_id for entry in extra}
    names = staff_names(session, actors)

    def line(at: datetime, what: str, actor_id: int, kind: str, amended=False, late=False):
        return at, TimelineLine(f"{at.astimezone(zone):%H:%M}", what, names.get(actor_id, "?"), kind, amended, late)

    timed = [line(entry.occurred_at, entry.what, entry.actor_id, entry.kind) for entry in extra]
    for event in events:
        data = effective_data(event, corrections.get(event.uid, []))
        if data is not None:
            what = _words(session, event.kind, data, zone)
            timed.append(
                line(event.occurred_at, what, event.actor_id, event.kind, event.uid in corrections, event.late_entry)
            )
    # By the instant, not the local HH:MM: on the night clocks go back an hour repeats.
    return [line for _, line in sorted(timed, key=lambda pair: pair[0])]


def _words(session: Session, kind: str, data: dict[str, Any], zone: ZoneInfo) -> str:
    """The kind's own line; for a kind without a describer, its name and its data's fields in words."""
    declared = registry().kinds.get(kind)
    line = registry().describe(kind, data, session)
    if declared is not None and declared.describe is not None:
        return line
    fields = detail_items(data, zone)[0] if isinstance(data, dict) else []
    return line + (" — " + "; ".join(f"{name}: {text}" for name, text in fields) if fields else "")


def _value(value: Any, zone: ZoneInfo) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v, zone) for v in value)
    if isinstance(value, str) and len(value) > 18 and value[10:11] == "T":
        try:
            return f"{datetime.fromisoformat(value).astimezone(zone):%d %b %Y %H:%M}"
        except ValueError:
            return value
    if isinstance(value, str) and _CODE.fullmatch(value):
        return say(value)
    return str(value)


def detail_items(value: Any, zone: ZoneInfo) -> list[list[tuple[str, str]]]:
    """A resident detail no panel shows, as items of (field, value) in words; empty fields left out."""
    items = value if isinstance(value, list) else [value]
    shown = []
    for item in items:
        if not isinstance(item, dict):
            shown.append([("", _value(item, zone))])
            continue
        shown.append(
            [
                (say(key), _value(v, zone))
                for key, v in item.items()
                if key not in _BOOKKEEPING and not isinstance(v, dict) and v not in (None, "", [])
            ]
        )
    return shown


def not_seen_words(session: Session, resident: Any, now: datetime, zone: ZoneInfo) -> str | None:
    """'missing since 09:49 — not found on a check since' (or breathing not seen) while no check has seen them."""
    unseen = round_states(session, [resident], now)[resident.id].unseen
    if unseen is None:
        return None
    at = f"{unseen.at.astimezone(zone):%H:%M}"
    if unseen.reason == MISSING:
        return f"missing since {at} — not found on a check since"
    return f"breathing not seen {at} — recheck now"


def resident_view(
    session: Session, actor: User, resident_id: int, day_text: str, now: datetime, zone: ZoneInfo
) -> dict[str, Any]:
    """What the resident page shows (audited): identity and details, where they are now, and one day's timeline.

    `day_text` is a local date (YYYY-MM-DD); anything else, or a day still to come, means today.
    """
    today = now.astimezone(zone).date()
    try:
        day = min(date.fromisoformat(day_text), today)
    except ValueError:
        day = today
    resident = census.resident_detail(session, actor, resident_id)
    declared = registry().resident_panels
    away = [a for a in registry().absences(session, [resident.id], now, now + timedelta(seconds=1)) if a.covers(now)]
    return {
        "resident": resident,
        "day": day,
        "today": today,
        "away": away,
        "not_seen": not_seen_words(session, resident, now, zone) if resident.discharged_at is None else None,
        "timeline": day_timeline(session, actor, resident.id, day, zone),
        "earlier": day - timedelta(days=1),
        "later": day + timedelta(days=1) if day < today else None,
        "panels_first": [(panel, getattr(resident, panel.key)) for panel in declared.values() if panel.first],
        "panels": [(panel, getattr(resident, panel.key)) for panel in declared.values() if not panel.first],
        "others": {
            key: detail_items(getattr(resident, key), zone)
            for key in registry().resident_details
            if key not in declared
        },
    }
