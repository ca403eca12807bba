"""Shapes of the admin API: staff accounts, units and systems' API tokens."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from facility.auth.schemas import UserOut
from facility.auth.tokens import SCOPES
from facility.census.levels import LEVEL_CODES
from facility.permissions import ROLE_NAMES
from facility.schemas import Id, Text
from facility.timeutil import parse_hhmm

ROLES = ROLE_NAMES
USERNAME = validate.Regexp(r"^[A-Za-z0-9._@-]{1,80}$", error="letters, digits and . _ @ - only, at most 80")


def _shift_starts(value: list[str]) -> None:
    """At least one start, each a real HH:MM time, none twice."""
    if not value:
        raise ValidationError("at least one shift start is needed")
    for text in value:
        try:
            parse_hhmm(text)
        except ValueError as bad:
            raise ValidationError(f"{text!r} is not a HH:MM time") from bad
    if len(set(value)) != len(value):
        raise ValidationError("each shift start may appear once")


def _unit_ids(**kw) -> fields.List:
    return fields.List(
        Id(strict=True), validate=validate.Length(min=1, max=100, error="a staff member needs at least one unit"), **kw
    )


class StaffOut(UserOut):
    """A staff account as an admin sees it: the session's user shape and whether it may log in."""

    active = fields.Boolean()
    requires_cosign = fields.Boolean()


class StaffCreateIn(Schema):
    username = Text(required=True, validate=USERNAME)
    name = Text(required=True, validate=validate.Length(min=1, max=120))
    role = Text(required=True, validate=validate.OneOf(ROLES))
    password = Text(required=True, load_only=True, validate=validate.Length(min=10, max=200))
    unit_ids = _unit_ids(required=True)


class PatchIn(Schema):
    """A partial update: any of the fields, but at least one."""

    @validates_schema
    def _something(self, data: dict, **_kw) -> None:
        if not data:
            raise ValidationError(f"nothing to change: send one of {', '.join(sorted(self.fields))}")


class StaffPatchIn(PatchIn):
    name = Text(validate=validate.Length(min=1, max=120))
    role = Text(validate=validate.OneOf(ROLES))
    active = fields.Boolean()
    # A pre-licensed clinician: their session notes need a supervising clinician's co-signature.
    requires_cosign = fields.Boolean()
    unit_ids = _unit_ids()
    password = Text(load_only=True, validate=validate.Length(min=10, max=200))


class UnitCreateIn(Schema):
    name = Text(required=True, validate=validate.Length(min=1, max=80))
    shift_starts = fields.List(Text(), validate=_shift_starts)


class UnitPatchIn(PatchIn):
    name = Text(validate=validate.Length(min=1, max=80))
    shift_starts = fields.List(Text(), validate=_shift_starts)
    # Observation levels whose checks must be proved by a scan (a lead may set this too).
    scan_required_levels = fields.List(Text(validate=validate.OneOf(LEVEL_CODES)), validate=validate.Length(max=6))


class TokenIn(Schema):
    """A system's token: what it is for, its units, what it may do and until when."""

    name = Text(required=True, validate=validate.Length(min=1, max=120))
    unit_ids = fields.List(
        Id(strict=True),
        required=True,
        validate=validate.Length(min=1, max=100, error="a token needs at least one unit"),
    )
    scopes = fields.List(
        Text(validate=validate.OneOf(SCOPES)),
        required=True,
        validate=validate.Length(min=1, max=len(SCOPES), error=f"one or more of {', '.join(SCOPES)}"),
    )
    expires_on = fields.Date(load_default=None, allow_none=True, metadata={"description": "the last day it works"})


class TokenOut(Schema):
    id = fields.Integer()
    name = fields.String()
    scopes = fields.List(fields.String())
    unit_ids = fields.List(fields.Integer())
    created_at = fields.DateTime()
    created_by = fields.String(allow_none=True)
    expires_at = fields.DateTime(allow_none=True)
    revoked_at = fields.DateTime(allow_none=True)
    state = fields.String(metadata={"description": "active, revoked or expired"})


class TokenCreatedOut(TokenOut):
    token = fields.String(metadata={"description": "the secret, shown this once: send it as `Authorization: Bearer`"})
