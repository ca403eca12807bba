"""Clinical alert rules, pure: a scored administration in, the alerts its critical items raise out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from facility.clinical.instruments import Instrument
from facility.outcomes import AlertDraft


def screen_condition(kind: str, uid: str) -> str:
    """One alert per administration and kind: a second positive screen is an alert of its own."""
    return f"{kind}:{uid}"


@dataclass(frozen=True)
class AdministrationFacts:
    """A stored administration as the rules see it (display name only: first name, last initial, room)."""

    uid: str
    unit_id: int
    resident_id: int
    display_name: str
    answers: dict[str, int]
    critical_items: tuple[int, ...]


def administration_outcomes(facts: AdministrationFacts, instrument: Instrument) -> list[AlertDraft]:
    """A critical alert of each critical item answered above its threshold (PHQ-9 item 9 above 0:
    suicide_risk_screen), telling the unit's nurses which answer and what to do."""
    drafts: list[AlertDraft] = []
    for critical in instrument.critical_items:
        if critical.n not in facts.critical_items:
            continue
        value = facts.answers.get(str(critical.n))
        item = instrument.item(critical.n)
        label = next((o.label for o in item.options if o.value == value), str(value)) if item else str(value)
        drafts.append(
            AlertDraft(
                critical.alert,
                "critical",
                facts.unit_id,
                facts.resident_id,
                screen_condition(critical.alert, facts.uid),
                f"{facts.display_name}: {instrument.label} item {critical.n} positive ({label.lower()}) — "
                "keep them in sight; safety assessment by a clinician now",
                facts.uid,
            )
        )
    return drafts


@dataclass(frozen=True)
class SessionRiskFacts:
    """The risk a clinician assessed in a session, for one resident of it."""

    uid: str
    unit_id: int
    resident_id: int
    display_name: str
    suicide: str
    violence: str


def session_outcomes(facts: SessionRiskFacts) -> list[AlertDraft]:
    """suicide_risk_screen (critical) on a high suicide risk; violence_risk on a moderate (warning) or high
    (critical) risk to others."""
    drafts: list[AlertDraft] = []
    if facts.suicide == "high":
        drafts.append(
            AlertDraft(
                "suicide_risk_screen",
                "critical",
                facts.unit_id,
                facts.resident_id,
                f"suicide_risk_screen:{facts.uid}:{facts.resident_id}",
                f"{facts.display_name}: suicide risk assessed high in a session — keep them in sight; "
                "safety assessment by a clinician now",
                facts.uid,
            )
        )
    if facts.violence in ("moderate", "high"):
        drafts.append(
            AlertDraft(
                "violence_risk",
                "critical" if facts.violence == "high" else "warning",
                facts.unit_id,
                facts.resident_id,
                f"violence_risk:{facts.uid}:{facts.resident_id}",
                f"{facts.display_name}: risk of violence to others assessed {facts.violence} in a session",
                facts.uid,
            )
        )
    return drafts


def unsigned_condition(uid: str) -> str:
    return f"note_unsigned:{uid}"


@dataclass(frozen=True)
class UnsignedNote:
    """A session note nobody has signed yet."""

    uid: str
    unit_id: int
    resident_id: int | None
    clinician: str
    ended_at: datetime


def unsigned_outcomes(notes: list[UnsignedNote], now: datetime, after: timedelta, zone: ZoneInfo) -> list[AlertDraft]:
    """note_unsigned (warning) for each session note still unsigned `after` its session ended."""
    return [
        AlertDraft(
            "note_unsigned",
            "warning",
            n.unit_id,
            n.resident_id,
            unsigned_condition(n.uid),
            f"session note by {n.clinician} unsigned since the session ended "
            f"{n.ended_at.astimezone(zone):%a %d %b %H:%M}",
            n.uid,
        )
        for n in notes
        if now >= n.ended_at + after
    ]


def review_condition(plan_uid: str) -> str:
    return f"plan_review_due:{plan_uid}"


@dataclass(frozen=True)
class PlanInForce:
    """A resident's signed plan in force and when its review falls due."""

    uid: str
    unit_id: int
    resident_id: int
    display_name: str
    review_due: datetime


def review_outcomes(plans: list[PlanInForce], now: datetime, zone: ZoneInfo) -> list[AlertDraft]:
    """plan_review_due (warning) for each plan in force whose review date has come."""
    return [
        AlertDraft(
            "plan_review_due",
            "warning",
            p.unit_id,
            p.resident_id,
            review_condition(p.uid),
            f"{p.display_name}: treatment plan review due {p.review_due.astimezone(zone):%a %d %b}",
            p.uid,
        )
        for p in plans
        if now >= p.review_due
    ]
