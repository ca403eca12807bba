"""Shapes of the sync API."""

from marshmallow import EXCLUDE, Schema, fields, validate

MAX_RECORDS = 500


class RecordIn(Schema):
    """One queued record; its type and body are checked one by one, so one bad record stops nothing."""

    class Meta:
        unknown = EXCLUDE

    type = fields.Raw(required=True, allow_none=True)
    body = fields.Raw(required=True, allow_none=True)


class SyncIn(Schema):
    records = fields.List(fields.Nested(RecordIn), required=True, validate=validate.Length(min=1, max=MAX_RECORDS))


class ResultOut(Schema):
    uid = fields.String(allow_none=True)
    status = fields.Integer()
    id = fields.Integer()
    errors = fields.Dict()


class SyncOut(Schema):
    results = fields.List(fields.Nested(ResultOut))
