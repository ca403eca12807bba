"""The dose reads of the med pass and the missed-dose sweep find a day's doses by index, whatever the history."""

from sqlalchemy import create_engine, text

from facility.migrate import upgrade

A_DAY = {"since": "2026-06-09 00:00:00", "until": "2026-06-11 00:00:00"}


def _plan(tmp_path, sql: str) -> str:
    url = f"sqlite:///{tmp_path / 'plan.db'}"
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("EXPLAIN QUERY PLAN " + sql), A_DAY).all()
    engine.dispose()
    return " | ".join(row[-1] for row in rows)


def test_the_sweep_reads_a_days_doses_of_each_order_by_scheduled_time(tmp_path):
    plan = _plan(
        tmp_path,
        "SELECT order_id, dose_key FROM medication_observations "
        "WHERE order_id IN (1, 2, 3) AND scheduled_for >= :since",
    )
    assert "(order_id=? AND scheduled_for>?)" in plan


def test_the_med_pass_reads_a_days_doses_by_scheduled_or_observed_time(tmp_path):
    plan = _plan(
        tmp_path,
        "SELECT * FROM medication_observations WHERE order_id IN (1, 2, 3) AND "
        "(scheduled_for BETWEEN :since AND :until OR occurred_at BETWEEN :since AND :until)",
    )
    assert "scheduled_for>? AND scheduled_for<?" in plan and "occurred_at>? AND occurred_at<?" in plan
