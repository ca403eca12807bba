"""The benchmarks' bulk history reads like a recorded one: its doses show as observed on that day's med pass."""

from datetime import UTC, datetime, timedelta

from bench.facility_gen import add_history, add_unit, new_database, open_app, zone_of
from bench.shift import Client


def test_a_generated_day_of_doses_shows_observed_on_the_med_pass():
    app = open_app(new_database())
    now = datetime.now(UTC)
    unit = add_unit(app, "Gen", now - timedelta(days=5))
    add_history(app, unit, now - timedelta(days=3), now - timedelta(days=1))
    day = (now - timedelta(days=2)).astimezone(zone_of(app)).date()  # a local day wholly inside the history
    answer = Client(app, unit.username("worker")).http.get(f"/api/v1/units/{unit.unit_id}/med-pass?date={day}")
    doses = answer.get_json()["doses"]
    assert answer.status_code == 200 and doses
    assert {d["status"] for d in doses} == {"observed"}
    app.extensions["facility_db"].engine.dispose()
