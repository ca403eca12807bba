"""The administration commands: the demo refuses to mix with real data; create-user makes a working login."""

import pytest
from sqlalchemy import func, select

from facility.auth.models import User
from facility.census.models import Resident


@pytest.mark.slow(
    reason="the CLI's demo loads a whole shift of history, about a thousand checks through the write path"
)
def test_demo_creates_the_facility_of_the_contract(app, session):
    result = app.test_cli_runner().invoke(args=["facility", "demo"])
    assert result.exit_code == 0, result.output
    assert session.scalar(select(func.count()).select_from(Resident)) == 24
    assert {u.username for u in session.scalars(select(User))} == {
        "worker1",
        "worker2",
        "nurse1",
        "lead1",
        "clinician1",
        "casemanager1",
        "admin",
    }


def test_demo_refuses_a_database_with_data_unless_forced(demo, session):
    runner = demo.test_cli_runner()
    refused = runner.invoke(args=["facility", "demo"])
    assert refused.exit_code != 0 and "already holds" in refused.output
    assert runner.invoke(args=["facility", "demo", "--if-empty"]).exit_code == 0
    assert session.scalar(select(func.count()).select_from(Resident)) == 24


def test_create_user_makes_an_account_that_can_log_in(app, monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "a-long-enough-secret")
    result = app.test_cli_runner().invoke(
        args=[
            "facility",
            "create-user",
            "--username",
            "chief",
            "--name",
            "Chief Admin",
            "--role",
            "admin",
            "--unit",
            "East",
        ]
    )
    assert result.exit_code == 0, result.output
    answer = app.test_client().post(
        "/api/v1/auth/login", json={"username": "chief", "password": "a-long-enough-secret"}
    )
    assert answer.status_code == 200 and answer.get_json()["user"]["role"] == "admin"
    assert len(answer.get_json()["user"]["unit_ids"]) == 1
