"""The referral state machine, stale referrals, needs reviews, disagreements and consents — no database."""

from datetime import UTC, date, datetime, timedelta

import pytest

from facility.casework.rules import (
    ConsentFact,
    LastAssessment,
    OutcomeRequired,
    SentReferral,
    StepRefused,
    allowed_steps,
    consent_refusal,
    disagreements,
    next_status,
    review_due_at,
    review_outcomes,
    stale_outcomes,
    step_outcomes,
    unmet_needs,
)
from facility.outcomes import AlertDraft, Resolve

NOW = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)

LEGAL = [
    ("draft", "sent"),
    ("sent", "accepted"),
    ("sent", "waitlisted"),
    ("sent", "declined"),
    ("sent", "canceled"),
    ("waitlisted", "accepted"),
    ("waitlisted", "declined"),
    ("waitlisted", "canceled"),
    ("accepted", "canceled"),
]
STATUSES = ["draft", "sent", "accepted", "waitlisted", "declined", "canceled", "completed"]
STEPS = ["sent", "accepted", "waitlisted", "declined", "canceled", "completed"]


@pytest.mark.parametrize(("current", "wanted"), LEGAL)
def test_each_step_api_md_lists_is_allowed(current, wanted):
    assert next_status(current, wanted, None) == wanted


def test_an_accepted_referral_is_completed_with_its_outcome():
    assert next_status("accepted", "completed", "need_met") == "completed"


@pytest.mark.parametrize(
    ("current", "wanted"),
    [(c, w) for c in STATUSES for w in STEPS if (c, w) not in LEGAL and (c, w) != ("accepted", "completed")],
)
def test_every_other_step_is_refused_naming_the_current_status(current, wanted):
    with pytest.raises(StepRefused) as refused:
        next_status(current, wanted, "need_met" if wanted == "completed" else None)
    assert f"the referral is {current}" in str(refused.value)
    assert refused.value.current == current


def test_a_draft_cannot_be_canceled_and_a_final_status_says_it_is_final():
    with pytest.raises(StepRefused, match="from draft it may become sent"):
        next_status("draft", "canceled", None)
    for final in ("declined", "canceled", "completed"):
        assert allowed_steps(final) == ()
        with pytest.raises(StepRefused, match=f"{final} is final"):
            next_status(final, "sent", None)


def test_completion_needs_an_outcome_and_only_completion_takes_one():
    with pytest.raises(OutcomeRequired):
        next_status("accepted", "completed", None)
    with pytest.raises(OutcomeRequired):
        next_status("sent", "accepted", "need_met")


def sent(days_ago: float, uid="r1") -> SentReferral:
    return SentReferral(uid, 1, 4, "Dev P.", "Harbor Housing", NOW - timedelta(days=days_ago))


def test_a_referral_sent_seven_days_ago_without_answer_is_stale_and_six_days_is_not():
    week = timedelta(days=7)
    assert stale_outcomes([sent(6.99)], NOW, week) == []
    (alert,) = stale_outcomes([sent(7)], NOW, week)
    assert (alert.kind, alert.severity, alert.resident_id, alert.condition) == (
        "referral_stale",
        "warning",
        4,
        "referral_stale:r1",
    )
    assert "Harbor Housing" in alert.message and "7 days" in alert.message


def test_an_answer_or_cancel_resolves_stale_and_sending_does_not():
    assert step_outcomes("r1", "sent") == []
    for status in ("accepted", "waitlisted", "declined", "canceled"):
        assert step_outcomes("r1", status) == [Resolve("referral_stale:r1", f"referral {status}")]


def test_needs_review_is_due_ninety_days_after_the_last_assessment():
    last = NOW - timedelta(days=90)
    assert review_due_at(last) == NOW
    assert review_due_at(None) is None
    fresh = LastAssessment(1, 5, "Eli M.", NOW - timedelta(days=89, hours=23))
    (due,) = review_outcomes([LastAssessment(1, 4, "Dev P.", last), fresh], NOW)
    assert isinstance(due, AlertDraft)
    assert (due.kind, due.resident_id, due.condition) == ("needs_review_due", 4, "needs_review_due:4")


def test_disagreements_are_the_domains_both_rated_differently():
    resident = {"housing": "met", "food": "unmet", "legal": "unknown"}
    staff = {"housing": "unmet", "food": "unmet", "transport": "unmet"}
    assert disagreements(resident, staff) == ["housing"]
    assert disagreements(resident, None) == []
    assert unmet_needs(resident, staff) == ["housing", "food", "transport"]


def consent(**over) -> ConsentFact:
    values = {
        "resident_id": 4,
        "contact_name": "Harbor  housing",
        "scope": "treatment_information",
        "expires_on": None,
        **over,
    }
    return ConsentFact(**values)


def test_a_consent_in_force_of_the_right_scope_naming_the_organisation_allows_the_referral():
    today = date(2026, 6, 10)
    assert consent_refusal(consent(), 4, "Harbor Housing", today) is None
    assert consent_refusal(consent(scope="full_record", expires_on=today), 4, "Harbor Housing", today) is None


@pytest.mark.parametrize(
    ("fact", "words"),
    [
        (None, "no consent"),
        (consent(resident_id=5), "no consent"),
        (consent(scope="general_updates"), "scope is general_updates"),
        (consent(contact_name="Eastside Clinic"), "names Eastside Clinic"),
        (consent(expires_on=date(2026, 6, 9)), "expired on 09 Jun 2026"),
    ],
)
def test_a_consent_that_is_missing_of_another_resident_too_narrow_for_another_organisation_or_expired_refuses(
    fact, words
):
    assert words in consent_refusal(fact, 4, "Harbor Housing", date(2026, 6, 10))
