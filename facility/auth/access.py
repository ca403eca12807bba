"""Who may do what: role checks (403). Scoping to the caller's units is the census's (facility.census.scope)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask_login import current_user

from facility.auth.models import Role, User
from facility.errors import Forbidden


def require_role(user: User, *roles: Role) -> None:
    """Forbidden unless user holds one of roles."""
    if not user.has_role(*roles):
        raise Forbidden(f"this needs the role {' or '.join(r.value for r in roles)}")


def roles_required(*roles: Role) -> Callable:
    """View decorator: 403 for any other role."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            require_role(current_user, *roles)
            return view(*args, **kwargs)

        return wrapper

    return decorate
