"""A system holding a token exports its unit's record: the Bulk Data round with `Authorization: Bearer`, no CSRF
token, no session; a token of another unit, or of api.read only, exports nothing."""

from __future__ import annotations

from tests.integration.fhir_helpers import ASYNC, by_type, fhir, record_a_morning, validate  # noqa: F401
from tests.integration.incidents_helpers import desk, noon, notifier  # noqa: F401


class System:
    """Another system's client: its token on every request, nothing else."""

    def __init__(self, app, token: str) -> None:
        self.http = app.test_client()
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path, headers=None, **kw):
        return self.http.get(path, headers={**self.headers, **(headers or {})}, **kw)

    def delete(self, path):
        return self.http.delete(path, headers=self.headers)


def token_for(login, app, unit_ids, scopes):
    answer = login("admin").post("/api/v1/tokens", json={"name": "EHR", "unit_ids": unit_ids, "scopes": scopes})
    assert answer.status_code == 201, answer.get_json()
    return System(app, answer.get_json()["token"])


def test_a_token_with_fhir_export_exports_its_unit_as_r4b_and_cancels_without_csrf(fhir, login):
    record_a_morning(fhir.desk)
    system = token_for(login, fhir.desk.app, [1], ["fhir.export"])
    status = fhir.started_job(fhir.kick("/fhir/Group/1/$export", client=system))
    fhir.run()
    manifest = system.get(status)
    assert manifest.status_code == 200 and "Set-Cookie" not in manifest.headers
    resources = fhir.resources(manifest.get_json(), client=system)
    assert len(by_type(resources, "Patient")) == 12
    for resource in resources:
        validate(resource)
    assert fhir.lead.get(status).status_code == 404  # the token's job, not the lead's

    again = fhir.started_job(fhir.kick(client=system))
    assert system.delete(again).status_code == 202  # no CSRF token: a system has no cookie to forge


def test_a_token_sees_no_other_unit_and_api_read_exports_nothing(fhir, login):
    north = token_for(login, fhir.desk.app, [1], ["fhir.export"])
    assert fhir.kick("/fhir/Group/2/$export", client=north).status_code == 404
    reader = token_for(login, fhir.desk.app, [1], ["api.read"])
    refused = fhir.kick(client=reader)
    assert refused.status_code == 403
    assert fhir.kick(client=System(fhir.desk.app, "fct_nothing")).status_code == 401
