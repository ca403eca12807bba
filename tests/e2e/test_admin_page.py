"""The admin page in headless Chromium: staff accounts made and switched off by a person."""
import pytest

from tests.e2e.conftest import page_login

pytestmark = pytest.mark.e2e

PASSWORD = "a long enough secret"


def test_admin_adds_a_worker_through_the_page_who_can_then_log_in(start_server, browser):
    server = start_server()
    admin = browser.new_context().new_page()
    page_login(admin, server, "admin")
    admin.click("text=Staff and units")
    admin.wait_for_selector("#staff tr[data-username=worker1]")
    admin.fill("#new-staff input[name=username]", "wendy")
    admin.fill("#new-staff input[name=name]", "Wendy Ward")
    admin.select_option("#new-staff select[name=role]", "worker")
    admin.fill("#new-staff input[name=password]", PASSWORD)
    admin.check("#new-staff-units label:has-text('South') input")
    admin.click("#new-staff button[type=submit]")
    admin.wait_for_selector("#staff tr[data-username=wendy]")
    assert "can now log in as wendy" in admin.inner_text("#admin-message")

    wendy = browser.new_context().new_page()
    page_login(wendy, server, "wendy", PASSWORD)
    wendy.wait_for_selector("#board .tile")
    assert "South" in wendy.inner_text("#unit-name")

    admin.click("#staff tr[data-username=wendy] button.toggle")
    admin.wait_for_selector("#staff tr.inactive[data-username=wendy]")
    wendy.reload()
    assert "/login" in wendy.url  # the open session ended with the account
    page_login(wendy, server, "wendy", PASSWORD)
    assert "wrong password" in wendy.inner_text(".error")


def test_the_admin_page_is_for_admins_only(start_server, browser):
    server = start_server()
    lead = browser.new_page()
    page_login(lead, server, "lead1")
    lead.wait_for_load_state()
    assert "Staff and units" not in lead.inner_text("header")
    assert lead.goto(server.url + "/admin").status == 403
