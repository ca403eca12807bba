"""Shapes of what the daily-care API answers: stored records, goals with their notes, consents, outings."""

from __future__ import annotations

from marshmallow import Schema, fields


class RecordOut(Schema):
    """A stored care record: its identity and times, then its own fields."""

    id = fields.Integer()
    uid = fields.String()
    resident_id = fields.Integer(allow_none=True)
    occurred_at = fields.AwareDateTime()
    recorded_at = fields.AwareDateTime()
    late_entry = fields.Boolean()
    author_id = fields.Integer()


class AdlOut(RecordOut):
    activity = fields.String()
    support = fields.String()
    meal = fields.String(allow_none=True)
    percent_eaten = fields.Integer(allow_none=True)
    fluids_ml = fields.Integer(allow_none=True)
    sleep_hours = fields.Float(allow_none=True)
    note = fields.String(allow_none=True)


class ProgressNoteOut(RecordOut):
    text = fields.String()
    mood = fields.String(allow_none=True)
    engagement = fields.String(allow_none=True)
    goal_ids = fields.List(fields.Integer())


class AttendeeOut(Schema):
    resident_id = fields.Integer()
    participation = fields.String()


class GroupOut(RecordOut):
    unit_id = fields.Integer()
    topic = fields.String()
    duration_min = fields.Integer()
    facilitator_id = fields.Integer(allow_none=True)
    attendees = fields.List(fields.Nested(AttendeeOut))


class ContactOut(RecordOut):
    contact_name = fields.String()
    relationship = fields.String()
    method = fields.String()
    summary = fields.String()
    consent_uid = fields.String(allow_none=True)


class NoteLine(Schema):
    """A progress note as its goal lists it."""

    uid = fields.String()
    occurred_at = fields.AwareDateTime()
    text = fields.String()
    mood = fields.String(allow_none=True)
    engagement = fields.String(allow_none=True)
    author = fields.String(allow_none=True)


class GoalOut(Schema):
    """A goal of the treatment plan (the one goal table) with its progress notes, oldest first."""

    id = fields.Integer()
    uid = fields.String()
    resident_id = fields.Integer()
    text = fields.String()
    target_date = fields.Date(allow_none=True)
    set_at = fields.AwareDateTime()
    set_by = fields.String(allow_none=True)
    from_plan = fields.Boolean(
        metadata={"description": "a goal of the treatment plan in force (else set from the floor)"}
    )
    notes = fields.List(fields.Nested(NoteLine), dump_default=list)


class ConsentOut(Schema):
    id = fields.Integer()
    uid = fields.String()
    resident_id = fields.Integer()
    contact_name = fields.String()
    relationship = fields.String()
    scope = fields.String()
    expires_on = fields.Date(allow_none=True)
    recorded_at = fields.AwareDateTime()
    status = fields.String(metadata={"description": "active or expired (today, in the facility's time zone)"})


class OutingOut(Schema):
    """An outing: out since occurred_at, back at returned_at (none while out)."""

    id = fields.Integer()
    uid = fields.String()
    resident_id = fields.Integer()
    display_name = fields.String()
    unit_id = fields.Integer()
    occurred_at = fields.AwareDateTime()
    destination = fields.String()
    escort_id = fields.Integer(allow_none=True)
    escort = fields.String(allow_none=True)
    vehicle = fields.String(allow_none=True)
    expected_return_at = fields.AwareDateTime()
    returned_at = fields.AwareDateTime(allow_none=True)
    overdue = fields.Boolean()


class UnitStaffOut(Schema):
    id = fields.Integer()
    name = fields.String()
    role = fields.String()
