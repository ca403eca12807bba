"""Driving the tablet board like a worker: log in, tap a tile, pick an outcome, watch the queue."""

from tests.e2e.conftest import page_login


def check_uids(http, server):
    """Every rounds.check of North in the log, by uid."""
    items = http.get(
        server.url + "/api/v1/events", params={"unit_id": 1, "kind": "rounds.check", "limit": 1000}
    ).json()["items"]
    return {e["uid"]: e for e in items}


def tile(page, resident_id):
    return page.locator(f'#board .tile[data-resident-id="{resident_id}"]')


def two_tap_check(page, resident_id):
    tile(page, resident_id).locator(".tile-main").click()
    page.click("#check-sheet [data-quick]")


def open_board(context, server, username="worker1"):
    """The worker logs in through the page and lands on the North board."""
    page = context.new_page()
    page_login(page, server, username, next_path="/units/1/rounds")
    page.wait_for_selector("#board .tile")
    return page


def waiting(page, count):
    page.wait_for_selector(f'#queue-count[data-count="{count}"]')


def go_offline(context, server):
    """The browser's offline mode, and the network really gone: Playwright's emulation does not reach a
    service worker's own fetches, so the server is taken off the network as well."""
    context.set_offline(True)
    server.unplug()


def go_online(context, server):
    server.plug_in()
    context.set_offline(False)
