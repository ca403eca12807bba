"""`flask facility verify` checks the case-management record too: a referral's status, an appointment's time or a
resident's case manager changed below the API, or a follow-up row deleted, is named by table, row and field."""

from sqlalchemy import text


def verify(app):
    return app.test_cli_runner().invoke(args=["facility", "verify"])


def test_case_records_changed_below_the_api_are_named(demo, session):
    assert verify(demo).exit_code == 0  # the demo's case records, as stored, are what their events say
    referral = session.scalar(text("SELECT id FROM casework_referrals WHERE status = 'sent' ORDER BY id LIMIT 1"))
    appointment = session.scalar(text("SELECT id FROM casework_appointments ORDER BY id LIMIT 1"))
    resident = session.scalar(text("SELECT resident_id FROM casework_case_managers ORDER BY resident_id LIMIT 1"))
    assert None not in (referral, appointment, resident), "the demo has a sent referral, an appointment, a manager"
    session.execute(text("UPDATE casework_referrals SET status = 'completed' WHERE id = :id"), {"id": referral})
    session.execute(
        text("UPDATE casework_appointments SET escort_needed = NOT escort_needed WHERE id = :id"), {"id": appointment}
    )
    session.execute(text("DELETE FROM casework_case_managers WHERE resident_id = :id"), {"id": resident})
    session.commit()
    result = verify(demo)
    assert result.exit_code == 1
    lines = set(result.stdout.splitlines())
    assert f"casework_referrals row {referral} field status: differs from its events" in lines
    assert f"casework_appointments row {appointment} field escort_needed: differs from its events" in lines
    assert f"casework_case_managers row resident_id={resident}: missing: its events say the row exists" in lines
