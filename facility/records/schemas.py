"""Shapes of the event log API."""

from marshmallow import Schema, fields, validate

from facility.schemas import CorrectionIn, Id, PageQuery, Text, query_time


class EventOut(Schema):
    id = fields.Integer()
    uid = Text()
    kind = Text()
    unit_id = fields.Integer()
    resident_id = fields.Integer(allow_none=True)
    actor_id = fields.Integer()
    occurred_at = fields.AwareDateTime()
    recorded_at = fields.AwareDateTime()
    late_entry = fields.Boolean()
    data = fields.Dict()
    corrects_uid = Text(allow_none=True)


class EventItemOut(EventOut):
    effective = fields.Boolean()


class EventPageOut(Schema):
    items = fields.List(fields.Nested(EventItemOut))
    next_after_id = fields.Integer(allow_none=True)


class EventQuery(PageQuery):
    unit_id = Id(required=True)
    resident_id = Id(load_default=None)
    kind = Text(load_default=None, validate=validate.Length(max=40))
    since = query_time()
    until = query_time()


class AmendIn(CorrectionIn):
    data = fields.Dict(required=True, validate=validate.Length(min=1))


class VoidedData(Schema):
    """What an event.voided records."""

    reason = Text(required=True)
    original_kind = Text(required=True)


class AmendedData(VoidedData):
    """What an event.amended records: the whole corrected data, and which fields changed."""

    data = fields.Dict(required=True)
    changed = fields.List(Text(), load_default=list)
