"""Shapes of the handoff API."""

from marshmallow import Schema, fields

from facility.schemas import Id, PageQuery, Text, query_time


class HandoffOut(Schema):
    id = fields.Integer()
    unit_id = fields.Integer()
    shift_start = fields.AwareDateTime()
    shift_end = fields.AwareDateTime()
    generated_at = fields.AwareDateTime()
    acknowledged_by = fields.Integer(attribute="acknowledged_by_id", allow_none=True)
    acknowledged_at = fields.AwareDateTime(allow_none=True)
    ack_note = Text(allow_none=True)


class HandoffDetailOut(HandoffOut):
    summary = fields.Dict()


class HandoffPageOut(Schema):
    items = fields.List(fields.Nested(HandoffOut))
    next_after_id = fields.Integer(allow_none=True)


class HandoffQuery(PageQuery):
    unit_id = Id(required=True)


class HandoffRequestIn(Schema):
    unit_id = Id(required=True)
    shift_start = query_time()
