"""Accounts and sessions: the login API."""

from facility.auth.routes import blp
from facility.domain import Domain, Web

DOMAIN = Domain(name="auth", web=Web(api=(blp,)))
