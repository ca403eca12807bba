"""Shapes of the event log API."""
from marshmallow import Schema, fields, validate

from facility.schemas import CorrectionIn, PageQuery


class EventOut(Schema):
    id = fields.Integer()
    uid = fields.String()
    kind = fields.String()
    unit_id = fields.Integer()
    resident_id = fields.Integer(allow_none=True)
    actor_id = fields.Integer()
    occurred_at = fields.AwareDateTime()
    recorded_at = fields.AwareDateTime()
    late_entry = fields.Boolean()
    data = fields.Dict()
    corrects_uid = fields.String(allow_none=True)


class EventItemOut(EventOut):
    effective = fields.Boolean()


class EventPageOut(Schema):
    items = fields.List(fields.Nested(EventItemOut))
    next_after_id = fields.Integer(allow_none=True)


class EventQuery(PageQuery):
    unit_id = fields.Integer(required=True)
    resident_id = fields.Integer(load_default=None)
    kind = fields.String(load_default=None, validate=validate.Length(max=40))
    since = fields.AwareDateTime(load_default=None)
    until = fields.AwareDateTime(load_default=None)


class AmendIn(CorrectionIn):
    data = fields.Dict(required=True, validate=validate.Length(min=1))


class VoidedData(Schema):
    """What an event.voided records."""

    reason = fields.String(required=True)
    original_kind = fields.String(required=True)


class AmendedData(VoidedData):
    """What an event.amended records: the whole corrected data, and which fields changed."""

    data = fields.Dict(required=True)
    changed = fields.List(fields.String(), load_default=list)
