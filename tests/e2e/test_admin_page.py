"""The admin page in headless Chromium: staff accounts made and switched off by a person."""

import pytest
import requests

from tests.e2e.conftest import end_session, login_session, page_login

pytestmark = [pytest.mark.e2e, pytest.mark.page]

PASSWORD = "a long enough secret"


@pytest.mark.slow(reason="two people's pages: an account made, used, deactivated and refused")
def test_admin_adds_a_worker_through_the_page_who_can_then_log_in(start_server, browser):
    server = start_server()
    admin = browser.new_context().new_page()
    page_login(admin, server, "admin")
    admin.click("header nav a:text-is('Admin')")
    admin.wait_for_selector("#staff tr[data-username=worker1]")
    admin.fill("#new-staff input[name=username]", "wendy")
    admin.fill("#new-staff input[name=name]", "Wendy Ward")
    admin.select_option("#new-staff select[name=role]", "worker")
    admin.fill("#new-staff input[name=password]", PASSWORD)
    admin.check("#new-staff-units label:has-text('South') input")
    admin.click("#new-staff button[type=submit]")
    admin.wait_for_selector("#staff tr[data-username=wendy]")
    assert "can now log in as wendy" in admin.inner_text("#new-staff-message")  # beside the form just used

    wendy = browser.new_context().new_page()
    page_login(wendy, server, "wendy", PASSWORD)
    wendy.wait_for_selector("#board .tile")
    assert "South" in wendy.inner_text("#unit-name")

    admin.click("#staff tr[data-username=wendy] button.toggle")
    assert "Deactivate Wendy Ward?" in admin.inner_text("#confirm-dialog")
    admin.click("#confirm-dialog button[value=yes]")
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
    assert lead.locator("header nav a:text-is('Admin')").count() == 0
    assert lead.goto(server.url + "/admin").status == 403


def open_admin(browser, server, width=1024):
    page = browser.new_context(viewport={"width": width, "height": 1280}).new_page()
    page_login(page, server, "admin", next_path="/admin")
    page.wait_for_selector("#staff tr[data-username=worker1]")
    return page


def test_admin_renames_a_unit_and_changes_its_shift_starts_and_reads_the_result_beside_it(start_server, browser):
    server = start_server()
    admin = open_admin(browser, server)
    north = admin.locator("#units form[data-unit-id='1']")
    north.locator("input[name=name]").fill("North Wing")
    north.locator("input[name=shift_starts]").fill("19:00, 07:00")
    north.locator("button[type=submit]").click()
    admin.wait_for_selector("#units form[data-unit-id='1'] .unit-result:has-text('Saved')")
    assert "North Wing, shifts start at 07:00, 19:00" in north.inner_text()
    units = login_session(server, "admin").get(server.url + "/api/v1/units").json()
    assert (units[0]["name"], units[0]["shift_starts"]) == ("North Wing", ["07:00", "19:00"])

    north.locator("input[name=shift_starts]").fill("07:00, 7:00")
    north.locator("button[type=submit]").click()
    admin.wait_for_selector("#units form[data-unit-id='1'] .unit-result.error")


def test_a_role_change_asks_first_and_saying_no_changes_nothing(start_server, browser):
    server = start_server()
    admin = open_admin(browser, server)
    admin.select_option("#staff tr[data-username=worker1] select", "nurse")
    assert "Make Wren Walker nurse instead of worker?" in admin.inner_text("#confirm-dialog")
    admin.click("#confirm-dialog button[value=no]")
    admin.wait_for_selector("#staff tr[data-username=worker1] select option[value=worker]:checked", state="attached")
    staff = login_session(server, "admin").get(server.url + "/api/v1/users").json()
    assert next(u for u in staff if u["username"] == "worker1")["role"] == "worker"

    admin.uncheck("#staff tr[data-username=worker1] label:has-text('North') input")
    assert "Change Wren Walker's units" in admin.inner_text("#confirm-dialog")
    admin.click("#confirm-dialog button[value=no]")
    admin.wait_for_selector("#staff tr[data-username=worker1] label:has-text('North') input:checked")


def test_a_very_long_name_does_not_push_the_table_off_a_tablet_screen(start_server, browser):
    server = start_server()
    long_name = "Maximiliana-" + "x" * 108
    made = login_session(server, "admin").post(
        server.url + "/api/v1/users",
        json={"username": "longname", "name": long_name, "role": "worker", "password": PASSWORD, "unit_ids": [1]},
    )
    assert made.status_code == 201 and len(long_name) == 120
    admin = open_admin(browser, server, width=800)
    admin.wait_for_selector("#staff tr[data-username=longname]")
    widths = admin.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth,"
        " document.querySelector('table.staff').getBoundingClientRect().right]"
    )
    assert widths[0] <= widths[1] and widths[2] <= widths[1]


def test_an_ended_session_is_said_on_the_admin_page_and_a_login_in_place_carries_on(start_server, browser):
    server = start_server()
    admin = open_admin(browser, server)
    end_session(admin, admin.context)
    admin.select_option("#staff tr[data-username=worker1] select", "nurse")
    admin.click("#confirm-dialog button[value=yes]")
    admin.wait_for_selector("#session-ended", state="visible")
    admin.fill("#relogin-form input[name=password]", "facility-demo")
    admin.click("#relogin-form button[type=submit]")
    admin.wait_for_selector("#session-ended", state="hidden")
    admin.select_option("#staff tr[data-username=worker1] select", "nurse")
    admin.click("#confirm-dialog button[value=yes]")
    admin.wait_for_selector("#staff tr[data-username=worker1] .row-note:has-text('Now nurse')")


@pytest.mark.slow(reason="two people's pages: a unit added, a password reset and replaced by its owner")
def test_the_admin_adds_a_unit_and_resets_a_forgotten_password_which_its_owner_then_replaces(start_server, browser):
    server = start_server()
    admin = open_admin(browser, server)
    admin.fill("#new-unit input[name=name]", "East")
    admin.fill("#new-unit input[name=shift_starts]", "06:00, 18:00")
    admin.click("#new-unit button[type=submit]")
    admin.wait_for_selector("#new-unit-message:has-text('Added East: shifts start at 06:00, 18:00')")
    admin.wait_for_function(
        "() => [...document.querySelectorAll('#units input[name=name]')].some((i) => i.value === 'East')"
    )
    assert admin.locator("#new-staff-units label:has-text('East')").count() == 1  # a unit staff can now be put on

    admin.click("#staff tr[data-username=worker1] button.reset-open")
    admin.fill("#staff tr[data-username=worker1] .reset-password input", "temporary 12345")
    admin.click("#staff tr[data-username=worker1] .reset-password button[type=submit]")
    admin.wait_for_selector(
        "#staff tr[data-username=worker1] .row-note:has-text('must choose a new one at the next login')"
    )

    worker = browser.new_context(viewport={"width": 800, "height": 1280}).new_page()
    page_login(worker, server, "worker1", "temporary 12345")
    worker.wait_for_selector("#password-why")
    assert "/password" in worker.url and "temporary password" in worker.inner_text("#password-why")
    worker.fill("input[name=current_password]", "temporary 12345")
    worker.fill("input[name=new_password]", "wren's own secret")
    worker.fill("input[name=new_password_again]", "wren's own secret")
    worker.click("main button[type=submit]")
    worker.wait_for_selector("#board .tile")  # on to the worker's rounds
    old = requests.post(server.url + "/api/v1/auth/login", json={"username": "worker1", "password": "temporary 12345"})
    assert old.status_code == 401  # the temporary password is gone with its first use
    assert login_session(server, "worker1", "wren's own secret").get(server.url + "/api/v1/units").status_code == 200
