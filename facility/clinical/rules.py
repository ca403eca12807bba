"""Clinical alert rules, pure: a scored administration in, the alerts its critical items raise out."""

from __future__ import annotations

from dataclasses import dataclass

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
