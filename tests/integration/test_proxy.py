"""Behind the reverse proxy the client's address is the one the proxy says; with no proxy no header is trusted."""

import pytest
from sqlalchemy import select

from facility import config as settings
from facility.app import create_app
from facility.records.models import AuditEntry


def login_from(app, forwarded_for):
    answer = app.test_client().post(
        "/api/v1/auth/login",
        json={"username": "nurse1", "password": "facility-demo"},
        headers={"X-Forwarded-For": forwarded_for},
        environ_base={"REMOTE_ADDR": "10.0.0.2"},
    )
    assert answer.status_code == 200
    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        row = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "login.success").order_by(AuditEntry.id.desc())
        ).first()
        address = row.remote_addr
        session.close()
    return address


@pytest.fixture
def app_behind_a_proxy(demo, database_url):
    config = settings.TestingConfig(database_url)
    config.PROXY_HOPS = 1
    app = create_app(config)
    yield app
    app.extensions["facility_db"].engine.dispose()


def test_behind_one_proxy_the_audit_and_throttle_see_the_tablets_address(app_behind_a_proxy):
    # nginx appends the address it saw; anything before it came from the client and is not believed
    assert login_from(app_behind_a_proxy, "6.6.6.6, 203.0.113.7") == "203.0.113.7"


def test_without_a_proxy_a_forwarded_header_is_ignored(demo):
    assert login_from(demo, "203.0.113.7") == "10.0.0.2"
