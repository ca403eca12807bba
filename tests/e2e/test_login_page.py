"""Logging in through the login page in headless Chromium."""
import pytest

from tests.e2e.conftest import page_login

pytestmark = [pytest.mark.e2e, pytest.mark.page]


def test_worker_logs_in_through_the_page_and_sees_the_north_board(start_server, browser):
    server = start_server()
    page = browser.new_page()
    page.goto(server.url + "/")
    assert page.url.endswith("/login?next=/")
    page.fill("input[name=username]", "worker1")
    page.fill("input[name=password]", "facility-demo")
    page.click("button[type=submit]")
    page.wait_for_selector("#board .tile")
    assert page.locator("#board .tile").count() == 12
    assert "North" in page.inner_text("#unit-name")


def test_a_wrong_password_shows_an_error_on_the_page(start_server, browser):
    server = start_server()
    page = browser.new_page()
    page_login(page, server, "worker1", "wrong")
    assert "wrong password" in page.inner_text(".error")
