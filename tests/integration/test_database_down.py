"""The database out of reach: the API says 503 in its JSON error shape, /healthz says so, pages say it plainly."""

import pytest

from facility.db import make_engine
from tests.integration.rounds_helpers import check_body


class Plug:
    """Points the app at a database that cannot be opened, and back; the stored records stay where they were."""

    def __init__(self, app, tmp_path) -> None:
        self.store = app.extensions["facility_db"]
        self.broken = make_engine(f"sqlite:///{tmp_path}/no-such-dir/facility.db")

    def pull(self) -> None:
        self.store.session.remove()
        self.store.factory.configure(bind=self.broken)

    def push_in(self) -> None:
        self.store.session.remove()
        self.store.factory.configure(bind=self.store.engine)


@pytest.fixture
def plug(demo, tmp_path):
    plug = Plug(demo, tmp_path)
    yield plug
    plug.push_in()


def test_a_check_sent_while_the_database_is_down_is_a_503_json_error(demo, login, clock, plug):
    worker = login("worker1")
    body = check_body(clock, resident_id=2)
    plug.pull()
    answer = worker.post("/api/v1/rounds/checks", json=body)
    assert answer.status_code == 503 and answer.headers["Retry-After"]
    assert answer.get_json()["code"] == 503 and "nothing was stored" in answer.get_json()["message"]
    health = worker.get("/healthz")
    assert health.status_code == 503 and health.get_json()["database"] == "unreachable"
    page = worker.get("/units/1/rounds")
    assert page.status_code == 503 and "text/html" in page.content_type
    assert "cannot be reached" in page.get_data(as_text=True)


def test_once_the_database_is_back_the_same_record_is_stored_once(demo, login, clock, plug):
    worker = login("worker1")
    body = check_body(clock, resident_id=2)
    plug.pull()
    assert worker.post("/api/v1/rounds/checks", json=body).status_code == 503
    plug.push_in()
    assert worker.post("/api/v1/rounds/checks", json=body).status_code == 201
    assert worker.post("/api/v1/rounds/checks", json=body).status_code == 200
