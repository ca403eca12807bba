"""Field types and shapes shared by every domain's schemas."""
from __future__ import annotations

from marshmallow import Schema, fields, validate


def occurred_at() -> fields.AwareDateTime:
    """A required timestamp with an offset; a naive one is refused."""
    return fields.AwareDateTime(required=True, format="iso")


def client_uid(required: bool = True) -> fields.UUID:
    """The UUID a client makes for a record so that retries never duplicate it."""
    return fields.UUID(required=required)


def code_list(codes: list[str]) -> fields.List:
    """A list of known codes; unknown ones are named in the error."""
    return fields.List(fields.String(validate=validate.OneOf(codes)), load_default=list)


class PageQuery(Schema):
    """`after_id` and `limit` paging."""

    after_id = fields.Integer(load_default=0, validate=validate.Range(min=0))
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=1000))


class CorrectionIn(Schema):
    """A void: the new uid and why."""

    uid = client_uid()
    reason = fields.String(required=True, validate=validate.Length(min=3, max=2000))


class NoteIn(Schema):
    """An optional note for workflow steps."""

    note = fields.String(load_default=None, validate=validate.Length(max=4000))
