"""Shapes of the daily-care API: what each record's event holds, what clients send (answers: what they get back)."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from facility.care.codes import (
    ACTIVITIES,
    CONTACT_METHODS,
    ENGAGEMENT,
    FLUIDS,
    MEAL,
    MEALS,
    MOODS,
    PARTICIPATION,
    SCOPES,
    SLEEP,
    SUPPORT,
)
from facility.schemas import Id, PlausibleDate, PlausibleDateTime, Text, client_uid, occurred_at

# Which activity each measure belongs to: a measure sent with another activity is refused, not kept unread.
MEASURES = {"meal": (MEAL,), "percent_eaten": (MEAL,), "fluids_ml": (FLUIDS, MEAL), "sleep_hours": (SLEEP,)}
REQUIRED = {MEAL: ("meal", "percent_eaten"), FLUIDS: ("fluids_ml",), SLEEP: ("sleep_hours",)}


def _note(max_length: int = 2000) -> Text:
    return Text(load_default=None, allow_none=True, validate=validate.Length(max=max_length))


class AdlData(Schema):
    """What an adl.support event records (and what an amendment of one may set)."""

    activity = Text(required=True, validate=validate.OneOf(ACTIVITIES))
    support = Text(
        required=True, validate=validate.OneOf(SUPPORT), metadata={"description": "MDS-style level of support given"}
    )
    meal = Text(load_default=None, allow_none=True, validate=validate.OneOf(MEALS))
    percent_eaten = fields.Integer(
        load_default=None, allow_none=True, strict=True, validate=validate.Range(min=0, max=100)
    )
    fluids_ml = fields.Integer(
        load_default=None, allow_none=True, strict=True, validate=validate.Range(min=0, max=5000)
    )
    sleep_hours = fields.Float(
        load_default=None, allow_none=True, allow_nan=False, validate=validate.Range(min=0, max=24)
    )
    note = _note()

    @validates_schema
    def measures_fit_the_activity(self, data, **_kwargs):
        """A meal names which meal and how much was eaten, fluids their ml, sleep its hours — and only those."""
        activity = data.get("activity")
        errors: dict[str, list[str]] = {}
        for name in REQUIRED.get(activity, ()):
            if data.get(name) is None:
                errors[name] = [f"required when the activity is {activity}"]
        for name, activities in MEASURES.items():
            if data.get(name) is not None and activity not in activities:
                errors[name] = [f"only for the activity {' or '.join(activities)}"]
        if errors:
            raise ValidationError(errors)


class AdlIn(AdlData):
    uid = client_uid()
    resident_id = Id(required=True)
    occurred_at = occurred_at()


class ProgressNoteData(Schema):
    """What a note.written event records: the shift's progress note, tied to treatment-plan goals."""

    text = Text(required=True, validate=validate.Length(min=1, max=4000))
    mood = Text(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf(MOODS),
        metadata={"description": "how the resident seemed: " + ", ".join(MOODS)},
    )
    engagement = Text(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf(ENGAGEMENT),
        metadata={"description": "how far they took part in their plan today: " + ", ".join(ENGAGEMENT)},
    )
    goal_ids = fields.List(
        Id(),
        load_default=list,
        validate=validate.Length(max=20),
        metadata={"description": "ids of the resident's active treatment-plan goals"},
    )

    @validates_schema
    def each_goal_once(self, data, **_kwargs):
        ids = data.get("goal_ids") or []
        if len(set(ids)) != len(ids):
            raise ValidationError("each goal once", "goal_ids")


class ProgressNoteIn(ProgressNoteData):
    uid = client_uid()
    resident_id = Id(required=True)
    occurred_at = occurred_at()


class GoalData(Schema):
    """What a goal.set event records: one goal of the resident's treatment plan."""

    text = Text(required=True, validate=validate.Length(min=3, max=1000))
    target_date = fields.Date(load_default=None, allow_none=True)


class GoalIn(GoalData):
    uid = client_uid()


class AttendeeIn(Schema):
    resident_id = Id(required=True)
    participation = Text(required=True, validate=validate.OneOf(PARTICIPATION))


class GroupData(Schema):
    """What a group.held event records: the session and who came."""

    topic = Text(required=True, validate=validate.Length(min=1, max=200))
    duration_min = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=600))
    facilitator_id = Id(
        load_default=None,
        allow_none=True,
        metadata={"description": "a staff member of the unit; the caller when left out"},
    )
    attendees = fields.List(fields.Nested(AttendeeIn), required=True, validate=validate.Length(min=1, max=60))

    @validates_schema
    def each_attendee_once(self, data, **_kwargs):
        ids = [a["resident_id"] for a in data.get("attendees") or []]
        if len(set(ids)) != len(ids):
            raise ValidationError("each resident once", "attendees")


class GroupIn(GroupData):
    uid = client_uid()
    unit_id = Id(required=True)
    occurred_at = occurred_at()


class AttendanceData(Schema):
    """What a group.attended event records in an attendee's own record."""

    group_uid = fields.UUID(required=True)
    topic = Text(required=True, validate=validate.Length(min=1, max=200))
    duration_min = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=600))
    participation = Text(required=True, validate=validate.OneOf(PARTICIPATION))


class OutingData(Schema):
    """What an outing.signed_out event records."""

    destination = Text(required=True, validate=validate.Length(min=1, max=200))
    escort_id = Id(load_default=None, allow_none=True, metadata={"description": "the staff member with them"})
    vehicle = Text(load_default=None, allow_none=True, validate=validate.Length(max=120))
    expected_return_at = PlausibleDateTime(required=True)
    appointment_uid = fields.UUID(
        load_default=None,
        allow_none=True,
        metadata={"description": "the appointment of the resident's day this outing is for (the board's `today`)"},
    )


class OutingIn(OutingData):
    uid = client_uid()
    resident_id = Id(required=True)
    occurred_at = occurred_at()

    @validates_schema
    def back_after_leaving(self, data, **_kwargs):
        leaving, back = data.get("occurred_at"), data.get("expected_return_at")
        if leaving is not None and back is not None and back <= leaving:
            raise ValidationError("must be after the sign-out (occurred_at)", "expected_return_at")


class ReturnData(Schema):
    """What an outing.returned event records: which outing ended."""

    outing_uid = fields.UUID(required=True)


class ReturnIn(Schema):
    uid = client_uid()
    occurred_at = occurred_at()


class ReturnSyncIn(ReturnIn):
    """A sign-in from the offline queue: the outing by its server id or by the uid its sign-out was sent with."""

    outing_id = Id(load_default=None)
    outing_uid = fields.UUID(load_default=None)

    @validates_schema
    def names_the_outing(self, data, **_kwargs):
        if data.get("outing_id") is None and data.get("outing_uid") is None:
            raise ValidationError("name the outing: outing_id or outing_uid", "outing_uid")


class ConsentData(Schema):
    """What a consent.recorded event records."""

    contact_name = Text(required=True, validate=validate.Length(min=1, max=120))
    relationship = Text(required=True, validate=validate.Length(min=1, max=60))
    scope = Text(
        required=True,
        validate=validate.OneOf(SCOPES),
        metadata={"description": "what may be shared: " + ", ".join(SCOPES)},
    )
    expires_on = PlausibleDate(
        load_default=None,
        allow_none=True,
        metadata={"description": "the last day the consent holds; none: until withdrawn"},
    )


class ConsentIn(ConsentData):
    uid = client_uid()


class ContactData(Schema):
    """What a contact.made event records, with the consent that allowed it."""

    contact_name = Text(required=True, validate=validate.Length(min=1, max=120))
    relationship = Text(required=True, validate=validate.Length(min=1, max=60))
    method = Text(required=True, validate=validate.OneOf(CONTACT_METHODS))
    summary = Text(required=True, validate=validate.Length(min=1, max=4000))
    consent_uid = fields.UUID(load_default=None, allow_none=True)


class ContactIn(Schema):
    uid = client_uid()
    resident_id = Id(required=True)
    occurred_at = occurred_at()
    contact_name = Text(required=True, validate=validate.Length(min=1, max=120))
    relationship = Text(required=True, validate=validate.Length(min=1, max=60))
    method = Text(required=True, validate=validate.OneOf(CONTACT_METHODS))
    summary = Text(required=True, validate=validate.Length(min=1, max=4000))
