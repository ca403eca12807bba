"""Request and response shapes of the auth API."""

from marshmallow import Schema, fields, validate

from facility.schemas import Text


class LoginIn(Schema):
    username = Text(required=True, validate=validate.Length(min=1, max=80))
    password = Text(required=True, validate=validate.Length(min=1, max=200), load_only=True)


class UserOut(Schema):
    id = fields.Integer()
    username = Text()
    name = Text()
    role = Text()
    unit_ids = fields.List(fields.Integer())
    must_change_password = fields.Boolean()


class PasswordChangeIn(Schema):
    """The user's own password, changed: the one they have now (or were given), and a new one."""

    current_password = Text(required=True, validate=validate.Length(min=1, max=200), load_only=True)
    new_password = Text(
        required=True, validate=validate.Length(min=10, max=200, error="10 to 200 characters"), load_only=True
    )


class SessionOut(Schema):
    user = fields.Nested(UserOut)
    csrf_token = Text()
