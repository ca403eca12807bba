"""Request and response shapes of the auth API."""
from marshmallow import Schema, fields, validate


class LoginIn(Schema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=80))
    password = fields.String(required=True, validate=validate.Length(min=1, max=200), load_only=True)


class UserOut(Schema):
    id = fields.Integer()
    username = fields.String()
    name = fields.String()
    role = fields.String()
    unit_ids = fields.List(fields.Integer())


class SessionOut(Schema):
    user = fields.Nested(UserOut)
    csrf_token = fields.String()
