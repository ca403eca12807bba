"""Scheduler leadership: one holder per database, by an advisory lock on PostgreSQL, a file lock on SQLite."""

import pytest

from facility.leader import Leadership
from tests.conftest import ON_POSTGRES


def assert_one_leads_until_it_lets_go(url: str) -> None:
    first, second = Leadership(url), Leadership(url)
    try:
        assert first.acquire() and first.held()
        assert not second.acquire() and not second.held()
        assert first.acquire()  # asking again while leading keeps the lead
        first.release()
        assert not first.held()
        assert second.acquire() and second.held() and not first.acquire()
    finally:
        first.release()
        second.release()


def test_on_sqlite_one_scheduler_leads_and_a_second_cannot_until_the_first_lets_go(tmp_path):
    assert_one_leads_until_it_lets_go(f"sqlite:///{tmp_path}/facility.db")


def test_schedulers_of_two_sqlite_databases_both_lead(tmp_path):
    one, other = Leadership(f"sqlite:///{tmp_path}/one.db"), Leadership(f"sqlite:///{tmp_path}/other.db")
    try:
        assert one.acquire() and other.acquire()
    finally:
        one.release()
        other.release()


@pytest.mark.skipif(not ON_POSTGRES, reason="the advisory lock is PostgreSQL's")
def test_on_postgresql_only_one_holder_leads_until_it_lets_go(database_url):
    assert_one_leads_until_it_lets_go(database_url)
