"""Schemathesis over the whole OpenAPI document, as a worker, a nurse and an admin: no 5xx, nothing undeclared."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import ApiClient

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
# Logging out would end the session the rest of the run needs; it is tested on its own.
SKIPPED = {("POST", "/api/v1/auth/logout")}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.mark.slow(reason="schemathesis sends every operation of the OpenAPI document many generated bodies, per role")
@pytest.mark.parametrize("username", ["worker1", "nurse1", "admin"])
def test_no_request_makes_a_server_error_or_an_undeclared_answer(demo, username):
    client = ApiClient(demo, username)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", demo)
    cookie = client.http.get_cookie("session").value
    headers = {"X-CSRFToken": client.csrf}
    cookies = {"session": cookie}
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in SKIPPED:
            continue

        @given(
            case=operation.as_strategy(generation_mode=GenerationMode.POSITIVE)
            | operation.as_strategy(generation_mode=GenerationMode.NEGATIVE)
        )
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def exercise(case):  # called at once, in this turn of the loop
            response = case.call(headers=headers, cookies=cookies)
            case.validate_response(response, checks=CHECKS)
            if operation.path == "/api/v1/sync" and response.status_code == 200:  # noqa: B023
                # a per-record 500 would have the tablet retry that record forever
                assert all(result["status"] < 500 for result in response.json()["results"]), response.json()

        try:
            exercise()
        except (Exception, BaseExceptionGroup) as failure:  # collect them all, then report
            failures.append(f"{operation.method.upper()} {operation.path}: {failure}")
    assert not failures, "\n\n".join(failures)
