"""`flask facility verify` checks the clinical record too: a score, a session note's signature or a plan's version
changed below the API, or a resident taken off a session, is named by table, row and field; process notes are
the record itself (never in an event) and are not compared."""

from sqlalchemy import text


def verify(app):
    return app.test_cli_runner().invoke(args=["facility", "verify"])


def test_clinical_records_changed_below_the_api_are_named(demo, session):
    assert verify(demo).exit_code == 0  # the demo's clinical records, as stored, are what their events say
    assessment = session.scalar(text("SELECT id FROM clinical_assessments WHERE total IS NOT NULL ORDER BY id LIMIT 1"))
    note = session.scalar(text("SELECT id FROM clinical_sessions WHERE signed_at IS NOT NULL ORDER BY id LIMIT 1"))
    plan = session.scalar(text("SELECT id FROM clinical_plans WHERE signed_at IS NOT NULL ORDER BY id LIMIT 1"))
    seen = session.execute(text("SELECT session_id, resident_id FROM clinical_session_residents LIMIT 1")).one()
    assert None not in (assessment, note, plan), "the demo has a scored assessment, a signed note and a signed plan"
    session.execute(text("UPDATE clinical_assessments SET total = total + 5 WHERE id = :id"), {"id": assessment})
    session.execute(text("UPDATE clinical_sessions SET signed_at = NULL WHERE id = :id"), {"id": note})
    session.execute(text("UPDATE clinical_plans SET review_days = 365 WHERE id = :id"), {"id": plan})
    session.execute(
        text("DELETE FROM clinical_session_residents WHERE session_id = :s AND resident_id = :r"),
        {"s": seen.session_id, "r": seen.resident_id},
    )
    session.commit()
    result = verify(demo)
    assert result.exit_code == 1
    lines = set(result.stdout.splitlines())
    assert f"clinical_assessments row {assessment} field total: differs from its events" in lines
    assert f"clinical_sessions row {note} field signed_at: differs from its events" in lines
    assert f"clinical_plans row {plan} field review_days: differs from its events" in lines
    missing = f"session_id={seen.session_id}, resident_id={seen.resident_id}: missing: its events say the row exists"
    assert f"clinical_session_residents row {missing}" in lines
