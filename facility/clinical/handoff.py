"""The clinical section of the handoff: the shift's new scores, and a positive safety screen making a resident
unstable with the safety assessment to do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.auth.services import staff_names
from facility.census.models import Resident
from facility.clinical.codes import ASSESSED, SAFETY_ACTION, SESSION
from facility.clinical.instruments import catalogue
from facility.clinical.models import Assessment, SessionResident, TherapySession
from facility.sections import Contribution, ShiftFacts, local_time
from facility.timeutil import ShiftWindow


@dataclass(frozen=True)
class InstrumentFacts:
    """What the fold needs of an instrument: its name on the unit, its bands' words, its significant change."""

    label: str
    bands: dict[str, str]
    significant_change: int | None
    critical: dict[int, str]  # item → the alert it raises


def gather(session: Session, unit: Any, window: ShiftWindow) -> dict[str, Any]:
    """The instruments' words, and each resident's last complete total per instrument before the shift."""
    ids = select(Resident.id).where(Resident.unit_id == unit.id)
    rows = session.scalars(
        select(Assessment)
        .where(Assessment.resident_id.in_(ids), Assessment.occurred_at < window.start, Assessment.total.is_not(None))
        .order_by(Assessment.occurred_at, Assessment.id)
    )
    before: dict[tuple[int, str], int] = {}
    for row in rows:
        before[(row.resident_id, row.instrument)] = row.total
    instruments = {
        code: InstrumentFacts(
            i.label, {b.code: b.label for b in i.bands}, i.significant_change, {c.n: c.alert for c in i.critical_items}
        )
        for code, i in catalogue().items()
    }
    unsigned = list(
        session.scalars(
            select(TherapySession).where(
                TherapySession.unit_id == unit.id,
                TherapySession.ended_at < window.end,
                (TherapySession.signed_at.is_(None)) | (TherapySession.signed_at >= window.end),
            )
        )
    )
    names = staff_names(session, {r.author_id for r in unsigned})
    seen = dict(
        session.execute(
            select(SessionResident.session_id, SessionResident.resident_id).where(
                SessionResident.session_id.in_([r.id for r in unsigned])
            )
        ).all()
    )
    notes = [
        {"clinician": names.get(r.author_id, ""), "kind": r.kind, "ended_at": r.ended_at, "resident_id": seen.get(r.id)}
        for r in unsigned
    ]
    return {"before": before, "instruments": instruments, "unsigned": notes}


def clinical(facts: ShiftFacts) -> Contribution:
    """New scores per resident (a significant change said so); a positive critical item: unstable, and the action."""
    extra = facts.extra("clinical", {"before": {}, "instruments": {}, "unsigned": []})
    last: dict[tuple[int, str], int] = dict(extra["before"])
    names = {r.id: r.display_name for r in facts.residents}
    out = Contribution("clinical", {})
    scores = []
    shift_lines: dict[tuple[int, str], list[tuple[str, str, int | None, str | None]]] = {}
    for event in sorted(facts.of_kind(ASSESSED), key=lambda e: e.occurred_at):
        data, rid = event.data, event.resident_id
        code = data.get("instrument", "")
        known = extra["instruments"].get(code) or InstrumentFacts(code.upper(), {}, None, {})
        total, key = data.get("total"), (rid, code)
        change = total - last[key] if total is not None and key in last else None
        significant = change is not None and known.significant_change is not None
        significant = significant and abs(change) >= known.significant_change
        band = known.bands.get(data.get("band") or "", data.get("band"))
        critical = list(data.get("critical_items") or [])
        if total is None:
            words = f"{known.label} incomplete ({data.get('incomplete_reason') or 'no reason given'}), not scored"
        else:
            words = f"{known.label} {total}" + (f" ({band})" if band else "")
            if change is not None:
                words += f", {change:+d} since the last" + (" — clinically significant" if significant else "")
            last[key] = total
        at = local_time(facts, event.occurred_at)
        note = out.note(rid)
        shift_lines.setdefault(key, []).append((at, words, total, band))
        for n in critical:
            note.unstable.append(f"positive safety screen: {known.label} item {n}")
        if critical and SAFETY_ACTION not in note.actions:
            note.actions.append(SAFETY_ACTION)
        scores.append(
            {
                "resident_id": rid,
                "display_name": names.get(rid, ""),
                "time": at,
                "instrument": known.label,
                "status": data.get("status"),
                "total": total,
                "band": band,
                "change": change,
                "significant": significant,
                "critical_items": critical,
            }
        )
    for (rid, code), given in shift_lines.items():
        out.note(rid).events.append(_one_line(extra["instruments"].get(code), code, given))
    held = _sessions(facts, out)
    unsigned = [
        {**n, "ended": local_time(facts, n["ended_at"]), "display_name": names.get(n["resident_id"], "")}
        for n in extra.get("unsigned", [])
    ]
    out.section = {
        "scores": scores,
        "positive_screens": sum(1 for s in scores if s["critical_items"]),
        "sessions": held,
        "unsigned_notes": [{k: v for k, v in n.items() if k != "ended_at"} for n in unsigned],
    }
    return out


def _one_line(known: InstrumentFacts | None, code: str, given: list[tuple[str, str, int | None, str | None]]) -> str:
    """A resident's administrations of one instrument in the shift as one line: the last in full when there is one,
    else the totals in order ('10:40–12:00 PHQ-9 19 → 15 → 12 (moderate)')."""
    if len(given) == 1:
        at, words, _total, _band = given[0]
        return f"{at} {words}"
    label = known.label if known else code.upper()
    totals = " → ".join("incomplete" if total is None else str(total) for _at, _w, total, _b in given)
    band = given[-1][3]
    return f"{given[0][0]}–{given[-1][0]} {label} {totals}" + (f" ({band})" if band else "")


def _sessions(facts: ShiftFacts, out: Contribution) -> int:
    """The shift's therapy sessions on each resident's line (that one took place, never what was said); a high
    risk makes the resident unstable with the safety assessment to do, a moderate risk to others a watcher."""
    held = 0
    for event in facts.of_kind(SESSION):
        held += 1
        data = event.data
        risk = data.get("risk") or {}
        for rid in data.get("resident_ids") or []:
            note = out.note(rid)
            note.events.append(f"{local_time(facts, event.occurred_at)} {data.get('kind', 'therapy')} session")
            if risk.get("suicide") == "high":
                note.unstable.append("suicide risk high in a session")
                if SAFETY_ACTION not in note.actions:
                    note.actions.append(SAFETY_ACTION)
            if risk.get("violence") == "high":
                note.unstable.append("violence risk high in a session")
            elif risk.get("violence") == "moderate":
                note.watcher.append("violence risk moderate in a session")
    return held
