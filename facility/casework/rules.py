"""Case-management rules, pure: the referral state machine, stale referrals, needs reviews, disagreements."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from facility.casework.codes import (
    ACCEPTED,
    CANCELED,
    COMPLETED,
    DECLINED,
    DRAFT,
    NEED_DOMAINS,
    NEEDS_REVIEW_AFTER,
    REFERRAL_SCOPES,
    SENT,
    UNMET,
    WAITLISTED,
)
from facility.outcomes import AlertDraft, Resolve

Outcome = AlertDraft | Resolve

# Each status and the statuses a step may take it to (API.md). Declined, canceled and completed are final.
NEXT: dict[str, tuple[str, ...]] = {
    DRAFT: (SENT,),
    SENT: (ACCEPTED, WAITLISTED, DECLINED, CANCELED),
    WAITLISTED: (ACCEPTED, DECLINED, CANCELED),
    ACCEPTED: (COMPLETED, CANCELED),
    DECLINED: (),
    CANCELED: (),
    COMPLETED: (),
}


class StepRefused(ValueError):
    """A step the state machine does not allow from the referral's current status."""

    def __init__(self, current: str, wanted: str) -> None:
        allowed = NEXT.get(current, ())
        then = f"; from {current} it may become {' or '.join(allowed)}" if allowed else f"; {current} is final"
        super().__init__(f"the referral is {current}: it cannot become {wanted}{then}")
        self.current, self.wanted = current, wanted


class OutcomeRequired(ValueError):
    """A referral is completed only with its outcome; an outcome belongs to completion alone."""


def allowed_steps(current: str) -> tuple[str, ...]:
    """The statuses a referral in `current` may move to next."""
    return NEXT.get(current, ())


def next_status(current: str, wanted: str, outcome: str | None) -> str:
    """The referral's status after asking for `wanted`; StepRefused or OutcomeRequired when it may not."""
    if wanted not in allowed_steps(current):
        raise StepRefused(current, wanted)
    if wanted == COMPLETED and not outcome:
        raise OutcomeRequired("a completed referral needs its outcome: need_met, partly_met or not_met")
    if wanted != COMPLETED and outcome:
        raise OutcomeRequired(f"an outcome is recorded when the referral is completed, not when it is {wanted}")
    return wanted


def stale_condition(referral_uid: str) -> str:
    """One referral_stale per referral."""
    return f"referral_stale:{referral_uid}"


@dataclass(frozen=True)
class SentReferral:
    """A referral waiting for the organisation's answer, as the stale rule sees it."""

    uid: str
    unit_id: int
    resident_id: int
    display_name: str
    organisation: str
    sent_at: datetime


def stale_outcomes(waiting: Iterable[SentReferral], now: datetime, stale_after: timedelta) -> list[Outcome]:
    """referral_stale (warning) for each referral sent at least `stale_after` ago and still unanswered."""
    days = stale_after.days
    return [
        AlertDraft(
            "referral_stale",
            "warning",
            r.unit_id,
            r.resident_id,
            stale_condition(r.uid),
            f"{r.display_name}: referral to {r.organisation} sent {r.sent_at:%d %b} has had no answer in {days} days",
            r.uid,
        )
        for r in waiting
        if r.sent_at + stale_after <= now
    ]


def step_outcomes(referral_uid: str, status: str) -> list[Outcome]:
    """A referral that leaves `sent` (answered or canceled) is no longer stale."""
    return [] if status == SENT else [Resolve(stale_condition(referral_uid), f"referral {status}")]


def review_condition(resident_id: int) -> str:
    """One needs_review_due per resident."""
    return f"needs_review_due:{resident_id}"


@dataclass(frozen=True)
class LastAssessment:
    """A resident in care and when their needs were last assessed (by either rater)."""

    unit_id: int
    resident_id: int
    display_name: str
    assessed_at: datetime


def review_due_at(last_assessed_at: datetime | None) -> datetime | None:
    """When the needs are to be assessed again: 90 days after the last assessment."""
    return None if last_assessed_at is None else last_assessed_at + NEEDS_REVIEW_AFTER


def review_outcomes(residents: Iterable[LastAssessment], now: datetime) -> list[Outcome]:
    """needs_review_due (warning) for each resident whose last needs assessment is 90 days old or more."""
    return [
        AlertDraft(
            "needs_review_due",
            "warning",
            r.unit_id,
            r.resident_id,
            review_condition(r.resident_id),
            f"{r.display_name}: needs last assessed {r.assessed_at:%d %b %Y}; a review is due",
        )
        for r in residents
        if review_due_at(r.assessed_at) <= now
    ]


def assessed(resident_id: int) -> list[Outcome]:
    """A new needs assessment clears the resident's review."""
    return [Resolve(review_condition(resident_id), "needs assessed")]


def unmet_needs(*ratings: Mapping[str, str] | None) -> list[str]:
    """The domains any of these ratings calls unmet, in the assessment's order."""
    return [d for d in NEED_DOMAINS if any(r and r.get(d) == UNMET for r in ratings)]


def disagreements(resident: Mapping[str, str] | None, staff: Mapping[str, str] | None) -> list[str]:
    """The domains the resident and staff both rated, differently."""
    if not resident or not staff:
        return []
    return [d for d in NEED_DOMAINS if d in resident and d in staff and resident[d] != staff[d]]


def days_open(made_at: datetime, now: datetime) -> int:
    """Whole days a referral has been open."""
    return max(0, (now - made_at).days)


def name_key(name: str) -> str:
    """A name as consents and resources are matched: case and runs of spaces do not matter."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class ConsentFact:
    """A consent on file as a referral needs it: whose, to whom, how much, until when (None: voided)."""

    resident_id: int
    contact_name: str
    scope: str
    expires_on: date | None


def consent_refusal(consent: ConsentFact | None, resident_id: int, organisation: str, today: date) -> str | None:
    """Why this consent does not let the resident's information go to the organisation today; None when it does.

    It must be the resident's, of scope treatment_information or full_record, name that organisation and be in
    force (not expired: its last day is still to come or today).
    """
    if consent is None or consent.resident_id != resident_id:
        return "no consent of this resident on file with this uid (or it was voided)"
    if consent.scope not in REFERRAL_SCOPES:
        return f"the consent's scope is {consent.scope}; a referral needs treatment_information or full_record"
    if name_key(consent.contact_name) != name_key(organisation):
        return f"the consent names {consent.contact_name}, not {organisation}"
    if consent.expires_on is not None and consent.expires_on < today:
        return f"the consent expired on {consent.expires_on:%d %b %Y}; a nurse or lead must record a new one"
    return None
