"""One plain line per care record, as the resident's timeline shows it."""

from facility.care import describe


def test_an_adl_line_says_the_activity_the_measure_and_the_support():
    assert (
        describe.adl({"activity": "meal", "meal": "lunch", "percent_eaten": 20, "support": "limited_assist"})
        == "lunch: ate 20 %, limited assist"
    )
    assert (
        describe.adl({"activity": "fluids", "fluids_ml": 250, "support": "independent"})
        == "fluids: 250 ml, independent"
    )
    assert (
        describe.adl({"activity": "sleep", "sleep_hours": 7.5, "support": "independent"}) == "sleep: 7.5 h, independent"
    )
    assert describe.adl({"activity": "oral_care", "support": "refused"}) == "oral care: refused"


def test_notes_contacts_and_outings_read_as_sentences():
    long = "Talked about going home. " * 10
    line = describe.note({"text": long, "mood": "low", "engagement": "partial"})
    assert line.startswith("progress note — mood low, engagement partial: Talked about going home.")
    assert len(line) < 140 and line.endswith("…")
    assert (
        describe.contact({"method": "phone", "contact_name": "Maria Reyes", "relationship": "sister"})
        == "phone call with Maria Reyes (sister)"
    )
    assert (
        describe.signed_out(
            {"destination": "pharmacy", "escort_id": 3, "expected_return_at": "2026-06-10T18:30:00+00:00"}
        )
        == "signed out to pharmacy, escorted, back by 18:30"
    )  # UTC outside an app
    assert (
        describe.attended({"topic": "Coping skills", "duration_min": 45, "participation": "left_early"})
        == "group 'Coping skills' (45 min): left early"
    )
