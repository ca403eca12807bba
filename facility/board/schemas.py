"""Shapes of the board's answer."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from facility.census.schemas import UnitOut
from facility.schemas import Text

STATUSES = ["ok", "due", "overdue"]


class BoardAlertOut(Schema):
    """An unresolved alert as the tablet shows it on the resident's tile."""

    id = fields.Integer()
    kind = fields.String()
    severity = fields.String()
    message = fields.String()
    acknowledged_at = fields.AwareDateTime(allow_none=True)


class NotSeenOut(Schema):
    """The resident has not been seen since a check that could not find them or see them breathe."""

    reason = Text(validate=validate.OneOf(["missing", "breathing_not_seen"]))
    since = fields.AwareDateTime()


class TodayOut(Schema):
    """Something the resident has today beyond the unit's routine (an appointment outside the unit)."""

    at = fields.AwareDateTime()
    line = Text(metadata={"description": "one short line with its time: '14:00 Dr Patel — escort'"})
    uid = fields.String(allow_none=True, metadata={"description": "the record it comes from (an outing may name it)"})


class BoardResidentOut(Schema):
    id = fields.Integer()
    display_name = Text()
    room = Text()
    observation_level = Text()
    precautions = fields.List(Text())
    last_check_at = fields.AwareDateTime(allow_none=True)
    next_check_due_at = fields.AwareDateTime()
    status = Text(validate=validate.OneOf(STATUSES))
    not_seen = fields.Nested(
        NotSeenOut,
        allow_none=True,
        metadata={"description": "not seen since a check (status stays overdue until seen)"},
    )
    open_alerts = fields.Integer()
    alerts = fields.List(fields.Nested(BoardAlertOut))
    off_unit = fields.Boolean()
    off_unit_escorted = fields.Boolean(metadata={"description": "escorted: no check falls due while away"})
    off_unit_label = Text(allow_none=True)
    assigned_user_id = fields.Integer(allow_none=True, metadata={"description": "who rounds on them this shift"})
    assigned_name = Text(allow_none=True)
    scan_required = fields.Boolean(metadata={"description": "the unit asks for a scan at this level"})
    today = fields.List(fields.Nested(TodayOut), metadata={"description": "what they have today, soonest first"})


class BoardOut(Schema):
    unit = fields.Nested(UnitOut)
    now = fields.AwareDateTime()
    residents = fields.List(fields.Nested(BoardResidentOut))
