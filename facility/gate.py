"""The permission check of every request, before its body is read: the endpoint's declared action against the table."""

from __future__ import annotations

from functools import partial, wraps

from flask import Flask, abort, current_app, request
from flask_login import current_user

from facility.errors import Forbidden, wants_json
from facility.extensions import login_manager
from facility.permissions import PUBLIC, REFUSAL_ATTRIBUTE, action_of, may, public, refusal_for

READS = ("GET", "HEAD")


def check_permission():
    """401 (or the login page) for the anonymous, 403 for a role the action's row leaves out; else on to the view.

    A view that declares no action is closed to everyone (403): forgetting the declaration locks a page, never opens
    it. tests/integration/test_permissions.py fails for any endpoint of the app that declares none.
    """
    if request.endpoint is None or request.method == "OPTIONS":  # Flask answers these without a view
        return None
    view = current_app.view_functions.get(request.endpoint)
    action = action_of(view)
    if action == PUBLIC:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if action is None:
        if wants_json():
            raise Forbidden("this endpoint declares no permission")
        abort(403)
    if getattr(current_user, "scopes", None) is not None and request.method not in READS and action != "fhir.export":
        raise Forbidden("a token with the scope api.read only reads (GET)")
    if may(current_user, action):
        return None
    if wants_json():
        raise Forbidden(refusal_for(current_user, action))
    page = getattr(view, REFUSAL_ATTRIBUTE, None)
    if page is not None:
        from facility.web.error_pages import error_page

        return error_page(403, *page)
    abort(403)


# Views the app gets from its libraries, public as they come: Flask's static files and flask-smorest's API docs.
LIBRARY_PUBLIC = ("static", "api-docs.")


def register_gate(app: Flask) -> None:
    """Check each request's action after its session is loaded (and locked when idle), before the view reads it."""
    for endpoint, view in list(app.view_functions.items()):
        if endpoint.startswith(LIBRARY_PUBLIC) and action_of(view) is None:
            app.view_functions[endpoint] = public(wraps(view)(partial(view)))
    app.before_request(check_permission)
    app.jinja_env.globals["permitted"] = permitted


def permitted(action: str) -> bool:
    """For templates: whether the logged-in user may perform action (what a page offers follows the table)."""
    return bool(current_user.is_authenticated) and may(current_user, action)
