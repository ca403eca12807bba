"""The permission table: every endpoint and socket event names its action, the check comes before the body is read,
and the page header and the admin's list of roles read the same table."""

from __future__ import annotations

import re

from facility.alerts.notifier import NAMESPACE
from facility.alerts.sockets import EVENT_ACTIONS
from facility.extensions import socketio
from facility.permissions import PERMISSIONS, PUBLIC, ROLE_NAMES, Role, action_of

# What answers without a login: logging in and out, unlocking a console, the probes, static files, the API docs and
# FHIR's CapabilityStatement with the code system it publishes.
PUBLIC_ENDPOINTS = {
    "auth.login",
    "auth.unlock",
    "auth.logout",
    "web.login_page",
    "web.login_form",
    "web.logout_form",
    "web.healthz",
    "web.favicon",
    "web.service_worker",
    "static",
    "socketio_client",
    "qr_decoder",
    "api-docs.openapi_json",
    "interop.metadata",
    "interop.facility_codes",
}


def test_every_endpoint_declares_an_action_the_table_names(app):
    undeclared, unknown, public = [], [], set()
    for rule in app.url_map.iter_rules():
        action = action_of(app.view_functions[rule.endpoint])
        if action is None:
            undeclared.append(rule.endpoint)
        elif action == PUBLIC:
            public.add(rule.endpoint)
        elif action not in PERMISSIONS:
            unknown.append((rule.endpoint, action))
    assert undeclared == [], f"endpoints without a declared action: {undeclared}"
    assert unknown == []
    assert public == PUBLIC_ENDPOINTS


def test_every_socket_event_declares_an_action(app):
    events = set(socketio.server.handlers[NAMESPACE])
    assert events == set(EVENT_ACTIONS)
    assert all(action == PUBLIC or action in PERMISSIONS for action in EVENT_ACTIONS.values())


def test_every_role_appears_in_the_table_and_the_table_only_names_roles():
    named = {role for roles in PERMISSIONS.values() for role in roles}
    assert named == set(Role)
    assert all(isinstance(role, Role) for roles in PERMISSIONS.values() for role in roles)


def test_a_worker_posting_an_invalid_goal_is_refused_before_the_body_is_read(login):
    too_short = {"uid": "not-a-uid", "text": ""}
    worker = login("worker1").post("/api/v1/residents/1/goals", json=too_short)
    assert worker.status_code == 403
    assert worker.get_json()["message"] == "this needs the role nurse or lead"
    assert "errors" not in worker.get_json()
    # The same body from a nurse is read, and refused for what it says.
    assert login("nurse1").post("/api/v1/residents/1/goals", json=too_short).status_code == 422


def test_a_worker_posting_garbage_to_a_lead_only_endpoint_is_refused_before_it_is_parsed(login):
    worker = login("worker1")
    answer = worker.post("/api/v1/handoffs", data="{not json", headers={"Content-Type": "application/json"})
    assert answer.status_code == 403
    assert login("lead1").post("/api/v1/handoffs", json={"unit_id": "North"}).status_code == 422


def test_a_refused_page_is_the_humane_403_and_an_anonymous_one_goes_to_the_login(demo, login):
    page = login("worker1").get("/alerts")
    assert page.status_code == 403
    assert "The alert console is for nurses and leads" in page.get_data(as_text=True)
    anonymous = demo.test_client().get("/alerts")
    assert anonymous.status_code == 302
    assert "/login" in anonymous.headers["Location"]
    assert demo.test_client().get("/api/v1/alerts").status_code == 401


def _header_links(html: str) -> set[str]:
    header = html[html.index("<header") : html.index("</header>")]
    return set(re.findall(r'<a[^>]*href="([^"]+)"', header))


def test_the_page_header_links_follow_the_table(login, monkeypatch):
    worker = login("worker1")
    assert "/admin" not in _header_links(worker.get("/units/1/rounds").get_data(as_text=True))
    monkeypatch.setitem(PERMISSIONS, "admin.users.manage", (Role.WORKER, Role.ADMIN))
    assert "/admin" in _header_links(worker.get("/units/1/rounds").get_data(as_text=True))
    # The link and the page it leads to read the same row.
    assert worker.get("/admin").status_code == 200


def test_the_admin_role_list_is_the_tables(login, monkeypatch):
    admin = login("admin")
    options = re.findall(r'<option value="([^"]+)">', admin.get("/admin").get_data(as_text=True))
    assert options == ROLE_NAMES == [role.value for role in Role]
    # A role added to the table is offered on the page without touching the page.
    monkeypatch.setattr("facility.admin.pages.ROLE_NAMES", [*ROLE_NAMES, "clinician"])
    options = re.findall(r'<option value="([^"]+)">', admin.get("/admin").get_data(as_text=True))
    assert options[-1] == "clinician"


def test_the_cli_prints_the_table(app):
    result = app.test_cli_runner().invoke(args=["facility", "permissions"])
    assert result.exit_code == 0, result.output
    lines = dict(line.split(None, 1) for line in result.output.splitlines())
    assert set(lines) == set(PERMISSIONS)
    assert lines["alerts.acknowledge"] == "nurse, lead"
    assert lines["admin.users.manage"] == "admin"


def test_a_view_that_declares_no_action_is_refused_to_everyone(demo, database_url):
    # A route added without its declaration (as a slip in a new domain would be): locked, never open.
    from facility import config as settings
    from facility import create_app
    from tests.conftest import ApiClient

    app = create_app(settings.TestingConfig(database_url))
    app.add_url_rule("/api/v1/undeclared", "undeclared", lambda: {"secret": 1})
    app.add_url_rule("/undeclared", "undeclared_page", lambda: "secret")
    try:
        anonymous = app.test_client()
        assert anonymous.get("/api/v1/undeclared").status_code == 401
        assert anonymous.get("/undeclared").status_code in (302, 401)
        for username in ("worker1", "nurse1", "lead1", "admin"):
            user = ApiClient(app, username)
            answer = user.get("/api/v1/undeclared")
            assert answer.status_code == 403 and "secret" not in answer.get_data(as_text=True)
            assert user.get("/undeclared").status_code == 403
    finally:
        app.extensions["facility_db"].engine.dispose()
