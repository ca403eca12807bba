"""Shapes of the alerts API."""

from marshmallow import Schema, fields, validate

from facility.schemas import Id, PageQuery, Text


class AlertOut(Schema):
    """An alert as the console lists it."""

    id = fields.Integer()
    kind = Text()
    severity = Text()
    status = Text()
    unit_id = fields.Integer()
    resident_id = fields.Integer(allow_none=True)
    resident_display = Text(allow_none=True)
    message = Text()
    raised_at = fields.AwareDateTime()
    source_uid = Text(allow_none=True)
    acknowledged_at = fields.AwareDateTime(allow_none=True)
    acknowledged_by_id = fields.Integer(allow_none=True)
    acknowledged_by = Text(attribute="acknowledged_by_name", allow_none=True)
    ack_note = Text(allow_none=True)
    escalated_at = fields.AwareDateTime(allow_none=True)
    resolved_at = fields.AwareDateTime(allow_none=True)
    resolved_how = Text(allow_none=True)
    link = Text(allow_none=True, metadata={"description": "the page of the incident, episode or resident"})


class AlertPageOut(Schema):
    items = fields.List(fields.Nested(AlertOut))
    next_after_id = fields.Integer(allow_none=True)


class AlertQuery(PageQuery):
    unit_id = Id(load_default=None)
    status = Text(load_default=None, validate=validate.OneOf(["open", "acknowledged", "resolved"]))
