"""Accounts and sessions: the login API."""

from facility.auth.routes import blp
from facility.domain import Domain

DOMAIN = Domain(name="auth", blueprints=(blp,))
