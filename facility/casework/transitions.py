"""Pure folds of discharge and aftercare: discharge_without_aftercare, and the transitions report's figures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median

from facility.casework.codes import AFTERCARE_WITHIN, DISCHARGE_WARNING
from facility.outcomes import AlertDraft, Resolve

Outcome = AlertDraft | Resolve


def aftercare_in_time(planned_on: date, aftercare_starts_on: date | None) -> bool:
    """An aftercare appointment on the day of discharge or within the 7 days after it."""
    return aftercare_starts_on is not None and planned_on <= aftercare_starts_on <= planned_on + AFTERCARE_WITHIN


def without_aftercare_condition(resident_id: int) -> str:
    return f"discharge_without_aftercare:{resident_id}"


@dataclass(frozen=True)
class PlannedDischarge:
    """A resident in care and the discharge plan in force, as the aftercare rule sees it (dates are local days)."""

    unit_id: int
    resident_id: int
    display_name: str
    planned_on: date
    aftercare_starts_on: date | None


def aftercare_outcomes(plans: Iterable[PlannedDischarge], today: date) -> list[Outcome]:
    """discharge_without_aftercare (warning) for a discharge planned within 2 days with no aftercare appointment
    within 7 days after it; a plan that has one (or a discharge further off) clears it."""
    found: list[Outcome] = []
    for p in plans:
        condition = without_aftercare_condition(p.resident_id)
        soon = p.planned_on - today <= DISCHARGE_WARNING
        if soon and not aftercare_in_time(p.planned_on, p.aftercare_starts_on):
            found.append(
                AlertDraft(
                    "discharge_without_aftercare",
                    "warning",
                    p.unit_id,
                    p.resident_id,
                    condition,
                    f"{p.display_name}: discharge planned {p.planned_on:%d %b} with no aftercare appointment "
                    "within 7 days after it",
                )
            )
        else:
            found.append(Resolve(condition, "aftercare arranged" if soon else "discharge not imminent"))
    return found


@dataclass(frozen=True)
class Discharge:
    """A discharge in the report's range: when, the aftercare of the plan in force then, the follow-ups made."""

    resident_id: int
    discharged_at: datetime
    aftercare_starts_at: datetime | None
    followed_up_at: tuple[datetime, ...]  # contacts made or appointments kept after discharge


@dataclass(frozen=True)
class ReferralSpan:
    """A referral of the unit: when it was sent, answered, closed and with which outcome."""

    sent_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None
    outcome: str | None


def _within(start: datetime, moment: datetime | None, days: int) -> bool:
    return moment is not None and start <= moment <= start + timedelta(days=days)


def transitions(discharges: list[Discharge], referrals: list[ReferralSpan], start: datetime, end: datetime) -> dict:
    """The transitions report over [start, end): discharges with aftercare within 7 days, followed up within 7 and
    30 days (CMS's follow-up after psychiatric hospitalization), and how referrals of the range were answered."""
    sent = [r for r in referrals if r.sent_at is not None and start <= r.sent_at < end]
    waits = [(r.answered_at - r.sent_at).total_seconds() / 86400 for r in sent if r.answered_at is not None]
    closed = [r for r in referrals if r.outcome and r.closed_at is not None and start <= r.closed_at < end]
    return {
        "discharges": len(discharges),
        "with_aftercare_within_7_days": sum(_within(d.discharged_at, d.aftercare_starts_at, 7) for d in discharges),
        "followed_up_within_7_days": sum(
            any(_within(d.discharged_at, f, 7) for f in d.followed_up_at) for d in discharges
        ),
        "followed_up_within_30_days": sum(
            any(_within(d.discharged_at, f, 30) for f in d.followed_up_at) for d in discharges
        ),
        "referrals": {
            "sent": len(sent),
            "closed_with_outcome": len(closed),
            "median_days_to_response": round(median(waits), 1) if waits else None,
        },
    }
