"""Medication alert rules, pure: an observation or the clock in, alert drafts and resolutions out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from facility.medobs.codes import REFUSED, SEVERE_SIDE_EFFECTS, SEVERE_WORDS, SWELLING_PARTS, SWELLING_WORDS
from facility.medobs.schedule import followup_overdue_at
from facility.outcomes import AlertDraft, Resolve

Outcome = AlertDraft | Resolve


def refused_condition(uid: str) -> str:
    """One med_refused per refusal: a second refusal is an alert of its own."""
    return f"med_refused:{uid}"


def side_effect_condition(uid: str) -> str:
    return f"side_effect:{uid}"


def missed_condition(order_id: int, scheduled_for: datetime) -> str:
    """One dose_missed per scheduled dose."""
    return f"dose_missed:{order_id}:{scheduled_for:%Y%m%dT%H%MZ}"


def followup_condition(uid: str) -> str:
    """One prn_followup_overdue per PRN dose given."""
    return f"prn_followup_overdue:{uid}"


def is_severe(side_effect: str) -> bool:
    """A side effect of the severe list, by its code or by the words of a free-text entry."""
    text = side_effect.strip().lower()
    if text.replace(" ", "_") in SEVERE_SIDE_EFFECTS:
        return True
    if any(word in text for word in SEVERE_WORDS):
        return True
    return any(w in text for w in SWELLING_WORDS) and any(part in text for part in SWELLING_PARTS)


@dataclass(frozen=True)
class ObservationFacts:
    """An observed dose as the rules see it (display name only: first name, last initial, room)."""

    uid: str
    unit_id: int
    resident_id: int
    display_name: str
    order_id: int
    medication: str
    scheduled_for: datetime | None
    outcome: str
    side_effects: tuple[str, ...]
    zone: ZoneInfo

    def dose_label(self) -> str:
        """'olanzapine 08:00' or 'olanzapine PRN'."""
        when = f"{self.scheduled_for.astimezone(self.zone):%H:%M}" if self.scheduled_for else "PRN"
        return f"{self.medication} {when}"


def observation_outcomes(obs: ObservationFacts, previous_outcome: str | None) -> list[Outcome]:
    """What an observation raises and clears; previous_outcome is the order's observation just before it.

    A refusal is a warning, critical when the order's previous observation was a refusal too. Side effects
    raise one alert, critical when any is on the severe list. Any observation of a scheduled dose clears
    its dose_missed.
    """
    who, rid = obs.display_name, obs.resident_id
    outcomes: list[Outcome] = []
    if obs.outcome == REFUSED:
        second = previous_outcome == REFUSED
        message = f"{who} refused {obs.dose_label()}" + (" — second refusal in a row" if second else "")
        outcomes.append(
            AlertDraft(
                "med_refused",
                "critical" if second else "warning",
                obs.unit_id,
                rid,
                refused_condition(obs.uid),
                message,
                obs.uid,
            )
        )
    if obs.side_effects:
        severe = [s for s in obs.side_effects if is_severe(s)]
        shown = ", ".join(s.replace("_", " ") for s in (severe or obs.side_effects))
        outcomes.append(
            AlertDraft(
                "side_effect",
                "critical" if severe else "warning",
                obs.unit_id,
                rid,
                side_effect_condition(obs.uid),
                f"{who}: {shown} after {obs.dose_label()}",
                obs.uid,
            )
        )
    if obs.scheduled_for is not None:
        outcomes.append(Resolve(missed_condition(obs.order_id, obs.scheduled_for), "dose observed"))
    return outcomes


@dataclass(frozen=True)
class DueDose:
    """A scheduled dose whose window has closed, with whether anyone observed it."""

    order_id: int
    unit_id: int
    resident_id: int
    display_name: str
    medication: str
    scheduled_for: datetime
    window_end: datetime
    observed: bool


def missed_outcomes(doses: list[DueDose], raised_before: set[str], now: datetime, zone: ZoneInfo) -> list[Outcome]:
    """dose_missed for each dose whose window closed unobserved, once per dose (never raised again after)."""
    outcomes: list[Outcome] = []
    for dose in doses:
        condition = missed_condition(dose.order_id, dose.scheduled_for)
        if dose.observed or now < dose.window_end or condition in raised_before:
            continue
        local = dose.scheduled_for.astimezone(zone)
        outcomes.append(
            AlertDraft(
                "dose_missed",
                "warning",
                dose.unit_id,
                dose.resident_id,
                condition,
                f"{dose.display_name}: {dose.medication} {local:%H:%M} not observed "
                f"(window closed {dose.window_end.astimezone(zone):%H:%M})",
            )
        )
    return outcomes


@dataclass(frozen=True)
class PendingFollowup:
    """A PRN dose given whose effectiveness is not documented yet."""

    uid: str
    unit_id: int
    resident_id: int
    display_name: str
    medication: str
    due_at: datetime


def followup_outcomes(pending: list[PendingFollowup], now: datetime, zone: ZoneInfo) -> list[Outcome]:
    """prn_followup_overdue for each follow-up 30 minutes past due (apply() keeps one per condition)."""
    return [
        AlertDraft(
            "prn_followup_overdue",
            "warning",
            f.unit_id,
            f.resident_id,
            followup_condition(f.uid),
            f"{f.display_name}: PRN {f.medication} follow-up overdue (due {f.due_at.astimezone(zone):%H:%M})",
            f.uid,
        )
        for f in pending
        if now >= followup_overdue_at(f.due_at)
    ]
