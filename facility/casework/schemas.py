"""Shapes of the case-management API: what each event holds, what clients send, what they get back."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from facility.casework.codes import FOLLOW_UP_KINDS, NEED_DOMAINS, OUTCOMES, RATERS, RATINGS, STATUSES, STEPS
from facility.schemas import Id, PlausibleDate, PlausibleDateTime, Text, client_uid, occurred_at, query_time


def _note(max_length: int = 2000) -> Text:
    return Text(load_default=None, allow_none=True, validate=validate.Length(max=max_length))


class CaseManagerData(Schema):
    """What a case_manager.assigned event records."""

    user_id = Id(required=True)


class CaseManagerIn(Schema):
    user_id = Id(required=True, metadata={"description": "a case manager of the resident's unit"})


class CaseManagerOut(Schema):
    resident_id = fields.Integer()
    user_id = fields.Integer()
    name = fields.String()
    assigned_by = fields.String()
    assigned_at = fields.AwareDateTime()


class ResourceIn(Schema):
    uid = client_uid()
    name = Text(required=True, validate=validate.Length(min=2, max=200))
    service_types = fields.List(
        Text(validate=validate.Length(min=2, max=60)), required=True, validate=validate.Length(min=1, max=20)
    )
    phone = Text(load_default=None, allow_none=True, validate=validate.Length(max=40))
    address = Text(load_default=None, allow_none=True, validate=validate.Length(max=300))
    note = _note()


class ResourceOut(Schema):
    id = fields.Integer()
    uid = fields.String()
    name = fields.String()
    service_types = fields.List(fields.String())
    phone = fields.String(allow_none=True)
    address = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    added_at = fields.AwareDateTime()


class ResourceQuery(Schema):
    q = Text(load_default="", validate=validate.Length(max=100), metadata={"description": "name or service type"})
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=1000))


class Ratings(fields.Dict):
    """Each of the 16 domains rated at most once, with a known rating."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            keys=fields.String(validate=validate.OneOf(NEED_DOMAINS)),
            values=fields.String(validate=validate.OneOf(RATINGS)),
            **kwargs,
        )


class NeedsData(Schema):
    """What a needs.assessed event records: who rated, and each domain's rating."""

    rater = Text(required=True, validate=validate.OneOf(RATERS))
    ratings = Ratings(required=True, validate=validate.Length(min=1), metadata={"description": ", ".join(NEED_DOMAINS)})
    note = _note()


class NeedsIn(NeedsData):
    uid = client_uid()
    occurred_at = occurred_at()


class NeedsOut(Schema):
    id = fields.Integer()
    uid = fields.String()
    resident_id = fields.Integer()
    rater = fields.String()
    ratings = fields.Dict(keys=fields.String(), values=fields.String())
    note = fields.String(allow_none=True)
    assessed_at = fields.AwareDateTime()
    assessed_by = fields.String()
    next_review_due = fields.AwareDateTime()


class ReferralData(Schema):
    """What a referral.made event records: to whom, for which need, why, under which consent."""

    resource_id = Id(required=True)
    need = Text(required=True, validate=validate.OneOf(NEED_DOMAINS))
    reason = Text(required=True, validate=validate.Length(min=3, max=2000))
    consent_uid = fields.UUID(required=True)


class ReferralIn(ReferralData):
    uid = client_uid()
    resident_id = Id(required=True)


class ReferralStepData(Schema):
    """What a referral.status_changed event records: which referral, what it became, the outcome when completed."""

    referral_uid = fields.UUID(required=True)
    status = Text(required=True, validate=validate.OneOf(STATUSES))
    previous = Text(required=True, validate=validate.OneOf(STATUSES))
    outcome = Text(load_default=None, allow_none=True, validate=validate.OneOf(OUTCOMES))
    note = _note()


class ReferralStepIn(Schema):
    uid = client_uid()
    occurred_at = occurred_at()
    status = Text(required=True, validate=validate.OneOf(STEPS))
    outcome = Text(load_default=None, allow_none=True, validate=validate.OneOf(OUTCOMES))
    note = _note()

    @validates_schema
    def outcome_with_completion(self, data, **_kwargs):
        """completed needs its outcome, and only completed takes one."""
        if data.get("status") == "completed" and not data.get("outcome"):
            raise ValidationError("required when the status is completed: need_met, partly_met or not_met", "outcome")
        if data.get("outcome") and data.get("status") != "completed":
            raise ValidationError("only when the status is completed", "outcome")


class ReferralStepOut(Schema):
    uid = fields.String()
    status = fields.String()
    outcome = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    occurred_at = fields.AwareDateTime()
    recorded_at = fields.AwareDateTime()
    by = fields.String()


class ReferralOut(Schema):
    id = fields.Integer()
    uid = fields.String()
    resident_id = fields.Integer()
    resource = fields.Nested(ResourceOut)
    need = fields.String()
    reason = fields.String()
    consent_uid = fields.String()
    status = fields.String()
    outcome = fields.String(allow_none=True)
    made_at = fields.AwareDateTime()
    made_by = fields.String()
    sent_at = fields.AwareDateTime(allow_none=True)
    answered_at = fields.AwareDateTime(allow_none=True)
    closed_at = fields.AwareDateTime(allow_none=True)
    days_open = fields.Integer(allow_none=True)
    next_steps = fields.List(fields.String())
    steps = fields.List(fields.Nested(ReferralStepOut))


class ResidentQuery(Schema):
    status = Text(load_default=None, validate=validate.OneOf(STATUSES))


class OpenReferralOut(Schema):
    id = fields.Integer()
    status = fields.String()
    days_open = fields.Integer()
    organisation = fields.String()
    need = fields.String()


class CaseloadQuery(Schema):
    user_id = Id(load_default=None, metadata={"description": "whose caseload (default: the caller's)"})


class CaseloadOut(Schema):
    resident_id = fields.Integer()
    display_name = fields.String()
    unit_id = fields.Integer()
    room = fields.String()
    discharged_at = fields.AwareDateTime(allow_none=True)
    unmet_needs = fields.List(fields.String())
    last_contact_at = fields.AwareDateTime(allow_none=True)
    next_needs_review = fields.AwareDateTime(allow_none=True)
    needs_review_overdue = fields.Boolean()
    open_referrals = fields.List(fields.Nested(OpenReferralOut))
    next_appointment = fields.Dict(allow_none=True)
    planned_discharge = fields.Dict(allow_none=True)


class AppointmentData(Schema):
    """What an appointment.booked event records."""

    starts_at = PlausibleDateTime(required=True)
    provider = Text(required=True, validate=validate.Length(min=2, max=200))
    place = Text(required=True, validate=validate.Length(min=2, max=300))
    escort_needed = fields.Boolean(required=True)
    transport_needed = fields.Boolean(required=True)


class AppointmentIn(AppointmentData):
    uid = client_uid()
    resident_id = Id(required=True)


class AppointmentOut(AppointmentData):
    id = fields.Integer()
    uid = fields.String()
    resident_id = fields.Integer()
    booked_at = fields.AwareDateTime()
    booked_by = fields.String()
    outing_uid = fields.String(allow_none=True, metadata={"description": "the outing signed out for it, if any"})
    left_at = fields.AwareDateTime(allow_none=True, metadata={"description": "when the resident left for it"})
    back_at = fields.AwareDateTime(
        allow_none=True, metadata={"description": "when the resident was signed in from that outing, once back"}
    )


class AftercareIn(Schema):
    provider = Text(required=True, validate=validate.Length(min=2, max=200))
    starts_at = PlausibleDateTime(required=True)


class ChecklistIn(Schema):
    housing_confirmed = fields.Boolean(required=True)
    medications_arranged = fields.Boolean(required=True)
    crisis_plan_given = fields.Boolean(required=True)
    family_informed = fields.Boolean(required=True)


class DischargePlanData(Schema):
    """What a discharge_plan.revised event records: one revision of the plan."""

    planned_on = PlausibleDate(required=True)
    destination = Text(required=True, validate=validate.Length(min=2, max=300))
    aftercare = fields.Nested(AftercareIn, load_default=None, allow_none=True)
    checklist = fields.Nested(ChecklistIn, required=True)


class DischargePlanIn(DischargePlanData):
    uid = client_uid()


class DischargePlanOut(Schema):
    id = fields.Integer()
    uid = fields.String()
    resident_id = fields.Integer()
    revision = fields.Integer()
    planned_on = fields.Date()
    destination = fields.String()
    aftercare = fields.Dict(allow_none=True)
    checklist = fields.Dict()
    revised_at = fields.AwareDateTime()
    revised_by = fields.String()
    aftercare_within_7_days = fields.Boolean()


class FollowUpData(Schema):
    """What a follow_up.recorded event records."""

    kind = Text(required=True, validate=validate.OneOf(FOLLOW_UP_KINDS))
    note = _note()


class FollowUpIn(FollowUpData):
    uid = client_uid()
    occurred_at = occurred_at()


class FollowUpOut(FollowUpData):
    id = fields.Integer()
    uid = fields.String()
    resident_id = fields.Integer()
    occurred_at = fields.AwareDateTime()


class TransitionsQuery(Schema):
    unit_id = Id(required=True)
    from_ = query_time(required=True, data_key="from")
    to = query_time(required=True)

    @validates_schema
    def from_before_to(self, data, **_kwargs):
        if data.get("from_") and data.get("to") and data["to"] <= data["from_"]:
            raise ValidationError("must be after from", "to")


class ReferralFigures(Schema):
    sent = fields.Integer()
    closed_with_outcome = fields.Integer()
    median_days_to_response = fields.Float(allow_none=True)


class TransitionsOut(Schema):
    discharges = fields.Integer()
    with_aftercare_within_7_days = fields.Integer()
    followed_up_within_7_days = fields.Integer()
    followed_up_within_30_days = fields.Integer()
    referrals = fields.Nested(ReferralFigures)
