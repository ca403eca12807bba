"""Logging in through the login page in headless Chromium."""

import re

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


@pytest.mark.slow(reason="waits out a ten-second hold, long enough that a loaded machine still sees it")
def test_a_held_login_shows_the_wait_and_the_right_password_works_after_it(start_server, browser):
    # A server of its own: its counts touch no other test. Ten seconds, so that three tries and a look at the
    # page fit in the window even on a loaded machine.
    server = start_server(LOGIN_ACCOUNT_LIMIT="2/10 seconds")
    page = browser.new_page()
    for _ in range(3):
        page_login(page, server, "worker2", "wrong")
    assert re.search(r"Too many failed logins\. Wait ([1-9]|10) s before trying again", page.inner_text(".error"))
    button = page.locator("button[type=submit]")
    # The countdown is the page's module script, which may run a moment after the page is shown.
    page.wait_for_selector("button[type=submit]:disabled", timeout=5_000)
    assert re.fullmatch(r"Wait ([1-9]|10) s", button.inner_text())
    page.fill("input[name=password]", "facility-demo")
    page.wait_for_selector("button[type=submit]:enabled", timeout=15_000)
    assert button.inner_text() == "Log in"
    button.click()
    page.wait_for_selector("#board .tile")
    assert "South" in page.inner_text("#unit-name")
