"""Accounts, sessions and access rules."""

from facility.jsonbody import ApiBlueprint

blp = ApiBlueprint("auth", __name__, url_prefix="/api/v1/auth", description="Sessions")
