"""Replay by last_alert_id is exact: no alert can commit after one with a larger id on the same database."""

import threading

import pytest
from sqlalchemy import select

from facility.alerts import services
from facility.alerts.models import Alert
from tests.alert_factory import draft, resident_of
from tests.conftest import ON_POSTGRES

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="SQLite lets one writer at a time, so ids commit in order")


def test_two_transactions_committing_out_of_id_order_cannot_hide_an_alert_from_replay(demo, clock):
    factory = demo.extensions["facility_db"].new_session
    with demo.app_context():
        first = factory()
        resident = resident_of(first, "North")
        held = services.raise_alert(first, draft(resident), clock.now)  # id given, not committed yet
        done = threading.Event()

        def second_writer():
            with demo.app_context():
                other = factory()
                services.raise_alert(other, draft(resident_of(other, "North")), clock.now)
                other.commit()
                other.close()
                done.set()

        writer = threading.Thread(target=second_writer)
        writer.start()
        done.wait(1.0)
        console = factory()
        seen = list(console.scalars(select(Alert.id).order_by(Alert.id)))  # what a console saw meanwhile
        console.close()
        last_alert_id = max(seen, default=0)
        first.commit()
        writer.join(10)
        first.close()
        console = factory()
        everything = list(console.scalars(select(Alert.id).order_by(Alert.id)))
        replayed = list(console.scalars(select(Alert.id).where(Alert.id > last_alert_id).order_by(Alert.id)))
        console.close()
    assert held.id in everything and len(everything) == 2
    assert sorted(seen + replayed) == everything  # nothing skipped, nothing twice
