"""Shapes of the alerts API."""
from marshmallow import Schema, fields, validate

from facility.schemas import PageQuery


class AlertOut(Schema):
    """An alert as the console lists it."""

    id = fields.Integer()
    kind = fields.String()
    severity = fields.String()
    status = fields.String()
    unit_id = fields.Integer()
    resident_id = fields.Integer(allow_none=True)
    resident_display = fields.String(allow_none=True)
    message = fields.String()
    raised_at = fields.AwareDateTime()
    source_uid = fields.String(allow_none=True)
    acknowledged_at = fields.AwareDateTime(allow_none=True)
    acknowledged_by_id = fields.Integer(allow_none=True)
    acknowledged_by = fields.String(attribute="acknowledged_by_name", allow_none=True)
    ack_note = fields.String(allow_none=True)
    escalated_at = fields.AwareDateTime(allow_none=True)
    resolved_at = fields.AwareDateTime(allow_none=True)
    resolved_how = fields.String(allow_none=True)


class AlertPageOut(Schema):
    items = fields.List(fields.Nested(AlertOut))
    next_after_id = fields.Integer(allow_none=True)


class AlertQuery(PageQuery):
    unit_id = fields.Integer(load_default=None)
    status = fields.String(load_default=None, validate=validate.OneOf(["open", "acknowledged", "resolved"]))
