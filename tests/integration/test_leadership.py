"""Scheduler leadership: one holder per database on PostgreSQL; every scheduler leads on SQLite."""
import pytest

from facility.leader import Leadership
from tests.conftest import ON_POSTGRES


def test_on_sqlite_a_scheduler_always_leads(tmp_path):
    leadership = Leadership(f"sqlite:///{tmp_path}/facility.db")
    assert leadership.acquire() and leadership.held()


@pytest.mark.skipif(not ON_POSTGRES, reason="the advisory lock is PostgreSQL's")
def test_only_one_holder_leads_until_it_lets_go(database_url):
    first, second = Leadership(database_url), Leadership(database_url)
    try:
        assert first.acquire() and first.held()
        assert not second.acquire() and not second.held()
        assert first.acquire()  # asking again while leading keeps the lead
        first.release()
        assert not first.held()
        assert second.acquire() and not first.acquire()
    finally:
        first.release()
        second.release()
