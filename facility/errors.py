"""Domain errors and the JSON error body every /api/ answer uses."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, jsonify, request
from flask_smorest import Api
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, IntegrityError
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.http import HTTP_STATUS_CODES

log = logging.getLogger(__name__)

ERROR_PAGE = "facility_error_page"


class DomainError(Exception):
    """A use case refused: carries the HTTP status and, for 422, the fields at fault."""

    status = 400

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors


class NotFound(DomainError):
    """Absent, or outside the caller's units (the two are not told apart)."""

    status = 404


class Forbidden(DomainError):
    """The caller's role may not do this."""

    status = 403


class Conflict(DomainError):
    """The request clashes with what is stored (a reused uid, a wrong workflow step)."""

    status = 409


class Gone(DomainError):
    """The thing asked for existed and was withdrawn for good (a replaced presence code)."""

    status = 410


class Invalid(DomainError):
    """The input is well formed but breaks a rule; `errors` names the fields."""

    status = 422

    @classmethod
    def field(cls, name: str, message: str) -> Invalid:
        return cls(f"{name}: {message}", {name: [message]})


def error_body(code: int, message: str | None = None, errors: Any = None) -> dict[str, Any]:
    """The API.md error shape."""
    body: dict[str, Any] = {
        "code": code,
        "status": HTTP_STATUS_CODES.get(code, "Error"),
        "message": message or HTTP_STATUS_CODES.get(code, "Error"),
    }
    if errors:
        body["errors"] = errors
    return body


def _flatten(messages: Any) -> Any:
    """webargs nests field errors under their location ('json', 'query'); clients want the fields."""
    if isinstance(messages, dict) and messages and set(messages) <= {"json", "query", "form", "path", "headers"}:
        flat: dict[str, Any] = {}
        for part in messages.values():
            if isinstance(part, dict):
                flat.update(part)
        return flat
    return messages


def wants_json() -> bool:
    return request.path.startswith(("/api/", "/socket.io", "/fhir/"))


class FacilityApi(Api):
    """flask-smorest's Api, answering in the project's error shape under /api/ only."""

    def handle_http_exception(self, error: HTTPException):  # type: ignore[override]
        if error.response is not None:  # an answer made already (a lockout's page or JSON)
            return error
        if not wants_json():
            return _page(error.code or 500)
        data = getattr(error, "data", None) or {}
        errors = _flatten(data.get("messages")) if "messages" in data else data.get("errors")
        message = data.get("message") or error.description
        if error.code == 422 and errors and not data.get("message"):
            message = "Invalid input: " + ", ".join(sorted(str(k) for k in errors))
        response = jsonify(error_body(error.code or 500, message, errors))
        response.status_code = error.code or 500
        for name, value in error.get_headers():
            if name.lower() != "content-type":  # Allow on a 405, Retry-After on a 429 …
                response.headers[name] = value
        for name, value in (data.get("headers") or {}).items():
            response.headers[name] = value
        return response


def _page(code: int):
    """Pages answer errors in the site's layout: the page the shell handed register_errorhandlers."""
    return current_app.extensions[ERROR_PAGE](code)


def _is_unique_violation(error: IntegrityError) -> bool:
    """PostgreSQL's unique_violation (23505) or SQLite's UNIQUE constraint message."""
    original = error.orig
    return getattr(original, "pgcode", None) == "23505" or "UNIQUE constraint failed" in str(original)


def log_failure(error: BaseException, what: str) -> None:
    """Log a failure by its type and stack only: its message may carry a resident's data
    (a database's DETAIL line repeats the row, a ValueError may quote a value)."""
    code = getattr(getattr(error, "orig", None), "pgcode", None)
    stack = "".join(traceback.format_tb(error.__traceback__))
    log.error("%s: %s%s (message withheld)\n%s", what, type(error).__name__, f" SQLSTATE {code}" if code else "", stack)


def register_errorhandlers(app: Flask, page: Callable[[int], Any]) -> None:
    """JSON for domain errors, CSRF failures and crashes under /api/; crashes logged without their data.

    `page(code)` answers a page's error in the site's layout (facility.web.error_pages, a floor up: handed in).
    """
    app.extensions[ERROR_PAGE] = page

    def _log_exception(exc_info: Any) -> None:
        log_failure(exc_info[1], f"unhandled error on {request.method} {request.path}")

    app.log_exception = _log_exception  # Flask's own report would print the message and the SQL parameters

    @app.errorhandler(DomainError)
    def _domain(error: DomainError):
        return jsonify(error_body(error.status, error.message, error.errors)), error.status

    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError):
        if wants_json():
            return jsonify(error_body(400, f"CSRF check failed: {error.description}")), 400
        return _page(400)

    @app.errorhandler(IntegrityError)
    def _integrity(error: IntegrityError):
        # Two requests raced for the same unique value; the loser learns it like any other clash.
        if _is_unique_violation(error) and wants_json():
            return jsonify(error_body(409, "this clashes with a record stored a moment ago; reload and retry")), 409
        log_failure(error, f"integrity error on {request.method} {request.path}")
        if wants_json():
            return jsonify(error_body(500, "Internal error; nothing was stored")), 500
        raise error

    @app.errorhandler(DBAPIError)
    def _database(error: DBAPIError):
        if isinstance(error, IntegrityError):
            return _integrity(error)
        # The database cannot be reached (down, restarting, or locked past the wait): nothing was stored and
        # the client should try again, which the tablets do with the record still queued.
        log_failure(error, f"database unavailable on {request.method} {request.path}")
        if request.path == "/healthz":  # failed before the probe itself, loading the caller's session
            return jsonify(status="error", database="unreachable"), 503
        if wants_json():
            response = jsonify(error_body(503, "The database cannot be reached; nothing was stored. Try again."))
            response.headers["Retry-After"] = "5"
            return response, 503
        return _page(503)

    @app.errorhandler(InternalServerError)
    def _crash(error: InternalServerError):
        # Flask reported the original exception through log_exception already.
        if wants_json():
            return jsonify(error_body(500, "Internal error; nothing was stored")), 500
        return _page(500)
