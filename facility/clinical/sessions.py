"""Therapy sessions: the note (DAP summary, risk), its signature and co-signature, and who may read what of it.

The process note is written beside the record, never into it: the session's event holds the summary and the risk,
so the events feed, the handoff, the timeline and every report, which read events, cannot show a process note.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.actors import Actor
from facility.auth.models import User
from facility.auth.services import staff_names
from facility.census.scope import ensure_active, resident_for
from facility.clinical.codes import COSIGNED, SESSION, SIGNED
from facility.clinical.models import ProcessNote, SessionResident, TherapySession
from facility.clinical.plans import objective_ids_of
from facility.db import locked
from facility.errors import Conflict, Forbidden, Invalid, NotFound
from facility.permissions import may, require
from facility.records.audit import record_access
from facility.records.log import NewEvent, find_replay
from facility.records.models import Event
from facility.records.services import record

WRITE, CONTENT = "clinical.session.write", "clinical.session.content"
DATA_FIELDS = ("kind", "modality", "started_at", "ended_at", "summary", "risk", "objective_ids")


def record_session(session: Session, actor: Actor, cmd: dict[str, Any], now: datetime) -> tuple[TherapySession, bool]:
    """Store a session note, unsigned, for residents of one of the clinician's units; its process note apart."""
    require(actor, WRITE)
    residents = [resident_for(session, actor, rid) for rid in cmd["resident_ids"]]
    if (prior := find_replay(session, cmd["uid"], cmd, SESSION)) is not None:
        return _by_uid(session, prior.uid), False
    for resident in residents:
        ensure_active(resident)
        if cmd["started_at"] < resident.admitted_at:
            raise Invalid.field("started_at", "is before the admission of a resident of the session")
    if len({r.unit_id for r in residents}) > 1:
        raise Invalid.field("resident_ids", "a session's residents live on one unit")
    unknown = sorted(set(cmd.get("objective_ids") or []) - objective_ids_of(session, [r.id for r in residents]))
    if unknown:
        raise Invalid.field("objective_ids", f"not an objective of the plan in force: {', '.join(map(str, unknown))}")
    data = {"resident_ids": [r.id for r in residents], **{name: cmd.get(name) for name in DATA_FIELDS}}
    new = NewEvent(SESSION, cmd["uid"], residents[0].unit_id, None, cmd["ended_at"], data, cmd)
    event, is_new = record(session, actor, new, now)
    row = _by_uid(session, event.uid)
    if is_new and (cmd.get("process_note") or "").strip():
        session.add(ProcessNote(session_id=row.id, author_id=actor.id, text=cmd["process_note"], written_at=now))
        session.flush()
    return row, is_new


def _by_uid(session: Session, uid: str) -> TherapySession:
    return session.scalar(select(TherapySession).where(TherapySession.uid == str(uid)))


def _session_for(session: Session, actor: Actor, session_id: int) -> TherapySession:
    row = locked(session, TherapySession, session_id)  # every caller changes it
    if row is None or row.unit_id not in actor.unit_ids:
        raise NotFound("no such session")
    return row


def sign(session: Session, actor: Actor, session_id: int, cmd: dict[str, Any], now: datetime) -> TherapySession:
    """The author signs their note; a pre-licensed author's then waits for a supervising clinician's co-signature."""
    require(actor, WRITE)
    row = _session_for(session, actor, session_id)
    if find_replay(session, cmd["uid"], {"session_id": session_id, **cmd}, SIGNED) is not None:
        return row
    if row.author_id != actor.id:
        raise Forbidden("only the clinician who wrote the note signs it")
    if row.signed_at is not None:
        raise Conflict("this note is signed already")
    body = {"session_id": session_id, **cmd}
    record(session, actor, NewEvent(SIGNED, cmd["uid"], row.unit_id, None, now, {"session_uid": row.uid}, body), now)
    return row


def cosign(session: Session, actor: Actor, session_id: int, cmd: dict[str, Any], now: datetime) -> TherapySession:
    """A supervising clinician (licensed, not the author) co-signs a pre-licensed clinician's signed note."""
    require(actor, WRITE)
    row = _session_for(session, actor, session_id)
    if find_replay(session, cmd["uid"], {"session_id": session_id, **cmd}, COSIGNED) is not None:
        return row
    if row.author_id == actor.id:
        raise Forbidden("a co-signature is a supervising clinician's, not the author's")
    if getattr(actor, "requires_cosign", False):
        raise Forbidden("a clinician whose own notes need co-signature cannot co-sign")
    if not row.needs_cosign:
        raise Conflict("this note needs no co-signature")
    if row.signed_at is None:
        raise Conflict("the author signs the note first")
    if row.cosigned_at is not None:
        raise Conflict("this note is co-signed already")
    body = {"session_id": session_id, **cmd}
    record(session, actor, NewEvent(COSIGNED, cmd["uid"], row.unit_id, None, now, {"session_uid": row.uid}, body), now)
    return row


def status_of(row: TherapySession) -> str:
    if row.signed_at is None:
        return "unsigned"
    if row.needs_cosign and row.cosigned_at is None:
        return "awaiting_cosign"
    return "cosigned" if row.cosigned_at is not None else "signed"


def session_view(session: Session, actor: Actor, row: TherapySession) -> dict[str, Any]:
    """What the reader may see of a session: that it took place (everyone on the unit); its summary and risk (the
    unit's nurses, leads and clinicians); its process note (its author alone)."""
    names = staff_names(session, {row.author_id, row.cosigned_by_id} - {None})
    shown: dict[str, Any] = {
        "id": row.id,
        "kind": row.kind,
        "started_at": row.started_at,
        "ended_at": row.ended_at,
        "clinician": names.get(row.author_id),
    }
    if may(actor, CONTENT):
        residents = session.scalars(select(SessionResident.resident_id).where(SessionResident.session_id == row.id))
        shown |= {
            "uid": row.uid,
            "resident_ids": sorted(residents),
            "modality": row.modality,
            "summary": row.summary,
            "risk": row.risk,
            "objective_ids": row.objective_ids,
            "status": status_of(row),
            "signed_at": row.signed_at,
            "cosigned_at": row.cosigned_at,
            "cosigned_by": names.get(row.cosigned_by_id) if row.cosigned_by_id else None,
        }
    if row.author_id == actor.id:
        note = session.scalar(select(ProcessNote).where(ProcessNote.session_id == row.id))
        mine = note is not None and note.author_id == actor.id
        shown["process_note"] = note.text if mine else None
        shown["process_note_earlier"] = list(note.earlier or []) if mine else []
    return shown


def list_sessions(session: Session, actor: Actor, resident_id: int) -> list[dict[str, Any]]:
    """The resident's sessions, oldest first, as the reader may see them (audited)."""
    resident = resident_for(session, actor, resident_id)
    record_access(session, actor.id, "read:sessions", target=f"resident:{resident.id}", resident_id=resident.id)
    rows = session.scalars(
        select(TherapySession)
        .join(SessionResident, SessionResident.session_id == TherapySession.id)
        .where(SessionResident.resident_id == resident.id)
        .order_by(TherapySession.started_at, TherapySession.id)
    )
    return [session_view(session, actor, row) for row in rows]


def author_requires_cosign(session: Session, author_id: int) -> bool:
    author = session.get(User, author_id)
    return bool(author is not None and author.requires_cosign)


def event_of(session: Session, row: TherapySession) -> Event | None:
    return session.scalar(select(Event).where(Event.uid == row.uid))


def may_correct(_session: Session, actor: Actor, original: Event, _amending: bool) -> None:
    """A session note is its author's to amend (before or after signing) or void, no one else's."""
    require(actor, WRITE)
    if original.actor_id != actor.id:
        raise Forbidden("only the clinician who wrote the note corrects it")


def amend_process_note(
    session: Session, actor: Actor, session_id: int, cmd: dict[str, Any], now: datetime
) -> dict[str, Any]:
    """The author rewrites their process note, beside the record as ever (never in an event): the earlier words are
    kept with the note, for its author alone."""
    require(actor, WRITE)
    row = _session_for(session, actor, session_id)
    if row.author_id != actor.id:
        raise NotFound("no such session")  # that a process note exists is its author's to know
    note = session.scalar(select(ProcessNote).where(ProcessNote.session_id == row.id))
    if note is None:
        session.add(ProcessNote(session_id=row.id, author_id=actor.id, text=cmd["text"], written_at=now, earlier=[]))
    elif note.text != cmd["text"]:
        was = {"text": note.text, "written_at": note.written_at.isoformat(), "reason": cmd.get("reason")}
        note.earlier = [*(note.earlier or []), was]
        note.text, note.written_at = cmd["text"], now
    session.flush()
    return session_view(session, actor, row)


def rederive(session: Session, original: Event, data: dict[str, Any]) -> dict[str, Any]:
    """An amended note as stored: never a process note (written beside the record), and any objective it adds one of
    the plan in force (those it named before stay, whatever the plan says now)."""
    if "process_note" in data:
        raise Invalid.field(
            "process_note", "is written beside the record, never in it: PUT /api/v1/sessions/{id}/process-note"
        )
    added = set(data.get("objective_ids") or []) - set(original.data.get("objective_ids") or [])
    unknown = sorted(added - objective_ids_of(session, list(original.data["resident_ids"])))
    if unknown:
        raise Invalid.field("objective_ids", f"not an objective of the plan in force: {', '.join(map(str, unknown))}")
    return data
