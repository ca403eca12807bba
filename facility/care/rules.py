"""Daily-care alert rules, pure: meals or the clock in, alert drafts and resolutions out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from facility.care.codes import POOR_INTAKE_PERCENT, RETURN_CRITICAL_AFTER
from facility.outcomes import AlertDraft, Resolve

Outcome = AlertDraft | Resolve


def poor_intake_condition(resident_id: int) -> str:
    """One poor_intake per resident at a time."""
    return f"poor_intake:{resident_id}"


def return_condition(outing_uid: str) -> str:
    return f"return_overdue:{outing_uid}"


def return_critical_condition(outing_uid: str) -> str:
    return f"return_overdue:{outing_uid}:critical"


@dataclass(frozen=True)
class MealFact:
    """A meal in force as the intake rule sees it."""

    uid: str
    occurred_at: datetime
    meal: str
    percent_eaten: int

    @property
    def poor(self) -> bool:
        return self.percent_eaten < POOR_INTAKE_PERCENT


def in_order(meals: Sequence[MealFact]) -> list[MealFact]:
    """Meals by when they were eaten, so a late entry counts in its place, not when it was typed."""
    return sorted(meals, key=lambda m: (m.occurred_at, m.uid))


def poor_intake_now(meals: Sequence[MealFact]) -> bool:
    """The resident's last two meals, by time eaten, were both under 25 %."""
    ordered = in_order(meals)
    return len(ordered) >= 2 and ordered[-1].poor and ordered[-2].poor


def poor_intake_anywhere(meals: Sequence[MealFact]) -> bool:
    """Two meals in a row under 25 % somewhere in the sequence (the handoff's look back over a shift)."""
    ordered = in_order(meals)
    return any(a.poor and b.poor for a, b in zip(ordered, ordered[1:]))


def intake_outcomes(unit_id: int, resident_id: int, display_name: str, meals: Sequence[MealFact]) -> list[Outcome]:
    """poor_intake while the last two meals were under 25 %; resolved once the latest meal is not."""
    condition = poor_intake_condition(resident_id)
    if not poor_intake_now(meals):
        return [Resolve(condition, f"ate {POOR_INTAKE_PERCENT} % or more")]
    last, before = in_order(meals)[-1], in_order(meals)[-2]
    return [
        AlertDraft(
            "poor_intake",
            "warning",
            unit_id,
            resident_id,
            condition,
            f"{display_name}: poor intake — {before.meal} {before.percent_eaten} %, {last.meal} {last.percent_eaten} %",
            last.uid,
        )
    ]


@dataclass(frozen=True)
class OutFact:
    """A resident signed out and not back yet."""

    uid: str
    unit_id: int
    resident_id: int
    display_name: str
    destination: str
    expected_return_at: datetime
    escorted: bool


def return_outcomes(out: Sequence[OutFact], now: datetime, zone: ZoneInfo) -> list[Outcome]:
    """return_overdue (warning) once past the expected return; a critical one 30 minutes after that."""
    outcomes: list[Outcome] = []
    for outing in out:
        if now <= outing.expected_return_at:
            continue
        due = outing.expected_return_at.astimezone(zone)
        company = "with an escort" if outing.escorted else "alone"
        message = f"{outing.display_name}: not back from {outing.destination} ({company}), due {due:%H:%M}"
        outcomes.append(
            AlertDraft(
                "return_overdue",
                "warning",
                outing.unit_id,
                outing.resident_id,
                return_condition(outing.uid),
                message,
                outing.uid,
            )
        )
        if now >= outing.expected_return_at + RETURN_CRITICAL_AFTER:
            late = int(RETURN_CRITICAL_AFTER.total_seconds() // 60)
            outcomes.append(
                AlertDraft(
                    "return_overdue",
                    "critical",
                    outing.unit_id,
                    outing.resident_id,
                    return_critical_condition(outing.uid),
                    f"{message} — over {late} min late",
                    outing.uid,
                )
            )
    return outcomes


def returned(outing_uid: str) -> list[Outcome]:
    """The sign-in clears both overdue alerts of the outing."""
    return [
        Resolve(return_condition(outing_uid), "resident back on the unit"),
        Resolve(return_critical_condition(outing_uid), "resident back on the unit"),
    ]
