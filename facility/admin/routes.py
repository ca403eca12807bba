"""Admin endpoints: staff accounts, units and systems' API tokens (admin only)."""

from facility import clock
from facility.admin import blp, services
from facility.admin.schemas import (
    StaffCreateIn,
    StaffOut,
    StaffPatchIn,
    TokenCreatedOut,
    TokenIn,
    TokenOut,
    UnitCreateIn,
    UnitPatchIn,
)
from facility.census.schemas import UnitOut
from facility.extensions import db
from facility.http import actor, committed
from facility.permissions import permits


@blp.route("/users", methods=["GET"])
@permits("admin.users.manage")
@blp.response(200, StaffOut(many=True))
def staff():
    """Staff accounts of the admin's units."""
    return services.list_staff(db.session, actor())


@blp.route("/users", methods=["POST"])
@permits("admin.users.manage")
@blp.arguments(StaffCreateIn)
@blp.response(201, StaffOut)
@committed
def create_staff(body):
    """Create a staff account on some of the admin's units."""
    return services.create_staff(db.session, actor(), body)


@blp.route("/users/<int:user_id>", methods=["PATCH"])
@permits("admin.users.manage")
@blp.arguments(StaffPatchIn)
@blp.response(200, StaffOut)
@committed
def update_staff(body, user_id):
    """Change a staff account: name, role, active, units, password."""
    return services.update_staff(db.session, actor(), user_id, body)


@blp.route("/units", methods=["POST"])
@permits("admin.units.manage")
@blp.arguments(UnitCreateIn)
@blp.response(201, UnitOut)
@committed
def create_unit(body):
    """Create a unit; the admin is assigned to it."""
    return services.create_unit(db.session, actor(), body)


@blp.route("/units/<int:unit_id>", methods=["PATCH"])
@permits("units.scan_policy.set")
@blp.arguments(UnitPatchIn)
@blp.response(200, UnitOut)
@committed
def update_unit(body, unit_id):
    """Rename a unit or change its shift start times."""
    return services.update_unit(db.session, actor(), unit_id, body)


@blp.route("/tokens", methods=["GET"])
@permits("admin.tokens.manage")
@blp.response(200, TokenOut(many=True))
def tokens():
    """The API tokens of the admin's units, newest first, without their secrets."""
    return services.list_api_tokens(db.session, actor(), clock.now())


@blp.route("/tokens", methods=["POST"])
@permits("admin.tokens.manage")
@blp.arguments(TokenIn)
@blp.response(201, TokenCreatedOut)
@committed
def create_token(body):
    """A system's token, scoped to units and to `fhir.export` or `api.read`: the secret is in this answer only."""
    return services.create_api_token(db.session, actor(), body, clock.now())


@blp.route("/tokens/<int:token_id>", methods=["DELETE"])
@permits("admin.tokens.manage")
@blp.response(200, TokenOut)
@committed
def revoke_token(token_id):
    """Revoke a token at once: its next request is refused."""
    return services.revoke_api_token(db.session, actor(), token_id, clock.now())
