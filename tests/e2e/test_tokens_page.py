"""The tokens page in headless Chromium: an admin makes a system's token, the system reads with it, the admin
revokes it and the system is refused at once."""

import pytest
import requests

from tests.e2e.conftest import page_login
from tests.e2e.test_accessibility import audit, axe_source  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.page]


def test_an_admin_makes_a_token_shown_once_that_a_system_reads_with_until_it_is_revoked(start_server, browser, audit):
    server = start_server()
    page = browser.new_context(viewport={"width": 800, "height": 1280}).new_page()
    page_login(page, server, "admin", next_path="/admin")
    page.click("header nav a:text-is('Tokens')")
    page.wait_for_selector("#token-list td")
    assert audit(page) == []

    page.click("#new-token button[type=submit]")  # nothing filled in: the browser asks for a name first
    page.fill("#new-token input[name=name]", "State reporting")
    page.click("#new-token button[type=submit]")
    page.wait_for_selector("#new-token-message.error")
    assert "unit ids" in page.inner_text("#new-token-message") and "scopes" in page.inner_text("#new-token-message")

    page.check("#token-units label:has-text('North') input")
    page.check("#token-scopes label:has-text('api.read') input")
    page.click("#new-token button[type=submit]")
    page.wait_for_selector("#secret:not([hidden])")
    assert 'Made "State reporting" ✓' in page.inner_text("#new-token-message")
    secret = page.inner_text("#secret-value")
    row = page.locator("#token-list tr[data-state=active]")
    assert "North" in row.inner_text() and "api.read" in row.inner_text()

    system = requests.Session()
    system.headers["Authorization"] = f"Bearer {secret}"
    answer = system.get(f"{server.url}/api/v1/residents?unit_id=1", timeout=10)
    assert answer.status_code == 200 and len(answer.json()) == 12

    row.locator("button.revoke").click()
    assert 'Revoke "State reporting"?' in page.inner_text("#confirm-dialog")
    page.click("#confirm-dialog button[value=yes]")
    page.wait_for_selector("#token-list tr[data-state=revoked]")
    assert 'Revoked "State reporting" ✓' in page.inner_text("#tokens-message")
    refused = system.get(f"{server.url}/api/v1/residents?unit_id=1", timeout=10)
    assert refused.status_code == 401 and "revoked" in refused.json()["message"]

    page.reload()
    page.wait_for_selector("#token-list tr[data-state=revoked]")
    assert secret not in page.content()  # shown that once, never again
