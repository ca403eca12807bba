"""Pages answer errors in the site's layout, in plain words, with a way back; the API keeps its JSON errors."""

import re

import pytest

from facility import config as settings
from facility import create_app
from facility.permissions import public


def page_of(answer):
    return answer.get_data(as_text=True)


def test_an_unknown_page_says_so_in_the_layout_with_a_way_back(demo):
    answer = demo.test_client().get("/nowhere", headers={"Accept": "text/html"})
    html = page_of(answer)
    assert answer.status_code == 404 and answer.mimetype == "text/html"
    assert 'class="top"' in html and "Nothing here" in html and 'href="/login"' in html


def test_a_page_outside_ones_role_says_so_and_leads_to_the_start_page(login):
    lead = login("lead1")
    answer = lead.get("/admin", headers={"Referer": "http://localhost/handoffs"})
    html = page_of(answer)
    assert answer.status_code == 403 and "Not part of your role" in html
    assert 'href="http://localhost/handoffs"' in html and 'href="/"' in html


def test_too_many_logins_answer_a_page_that_says_to_wait(demo):
    demo.config["LOGIN_ACCOUNT_LIMIT"] = "2 per minute"
    http = demo.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page_of(http.get("/login"))).group(1)
    tries = [
        http.post("/login", data={"username": "worker1", "password": "wrong", "csrf_token": token}) for _ in range(3)
    ]
    assert [t.status_code for t in tries[:2]] == [401, 401]
    answer = tries[2]
    assert answer.status_code == 429 and "before trying again" in page_of(answer) and 'class="top"' in page_of(answer)


@pytest.fixture
def crashing_app(database_url):
    config = settings.TestingConfig(database_url)
    config.PROPAGATE_EXCEPTIONS = False
    app = create_app(config)
    # declared public: a view that declares no action is refused before it runs
    app.add_url_rule("/crash", "crash", public(lambda: 1 / 0))
    app.add_url_rule("/api/v1/crash", "api_crash", public(lambda: 1 / 0))
    yield app
    app.extensions["facility_db"].engine.dispose()


def test_a_crash_answers_a_page_in_plain_words_and_json_under_the_api(crashing_app):
    client = crashing_app.test_client()
    answer = client.get("/crash")
    assert answer.status_code == 500 and "Something went wrong" in page_of(answer)
    assert "Traceback" not in page_of(answer)
    answer = client.get("/api/v1/crash")
    assert answer.status_code == 500 and answer.get_json()["code"] == 500


def test_the_api_still_answers_json_errors(demo):
    answer = demo.test_client().get("/api/v1/nowhere")
    assert answer.status_code == 404 and answer.get_json()["code"] == 404


def test_the_site_has_an_icon(demo):
    client = demo.test_client()
    assert 'rel="icon"' in page_of(client.get("/login"))
    answer = client.get("/favicon.ico")
    assert answer.status_code == 200 and answer.mimetype == "image/svg+xml"
