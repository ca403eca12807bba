"""Request bodies decoded as JSON the same way on every route; a body that cannot be taken is a 400, never a 500."""

from __future__ import annotations

import json
from typing import Any, NoReturn

from flask import Request, current_app
from flask.json.provider import DefaultJSONProvider
from flask_smorest import Blueprint
from webargs import core
from webargs.flaskparser import FlaskParser, abort, is_json_request

NOT_JSON = "The body is not acceptable JSON: malformed, or nested too deeply"


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing a body nested deeper than the decoder can follow as malformed (it would crash it)."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        """Decode s; RecursionError becomes a JSONDecodeError, the ValueError every caller handles."""
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise json.JSONDecodeError("nested too deeply", "<body>", 0) from None


class BodyParser(FlaskParser):
    """webargs' parser decoding bodies with the app's JSON provider, and naming what is wrong with a bad one."""

    def _raw_load_json(self, req: Request) -> Any:
        if not is_json_request(req):
            return core.missing
        return current_app.json.loads(req.get_data(cache=True))  # an empty body: JSONDecodeError on "", missing

    def _handle_invalid_json_error(self, error: Exception, req: Request, *args: Any, **kwargs: Any) -> NoReturn:
        abort(400, exc=error, message=NOT_JSON, messages={"json": [NOT_JSON]})


class ApiBlueprint(Blueprint):
    """The API's blueprints: flask-smorest's, parsing arguments with BodyParser."""

    ARGUMENTS_PARSER = BodyParser()
