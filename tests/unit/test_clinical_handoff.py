"""The clinical section of the handoff as a pure fold: scores on each line, a positive screen or a high risk makes
the resident unstable with the safety assessment to do, and no session's content."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from facility.clinical.handoff import InstrumentFacts, clinical
from facility.sections import EventFact, ResidentFact, ShiftFacts
from facility.timeutil import ShiftWindow

NY = ZoneInfo("America/New_York")
START = datetime(2026, 6, 10, 11, 0, tzinfo=UTC)  # 07:00 local
WINDOW = ShiftWindow(START, START + timedelta(hours=8), NY)
PHQ9 = InstrumentFacts("PHQ-9", {"moderate": "moderate", "mild": "mild"}, 5, {9: "suicide_risk_screen"})


def facts(*events, before=None):
    residents = [ResidentFact(rid, f"R{rid}", str(rid), "q60", (), START - timedelta(days=3)) for rid in (1, 2)]
    extra = {"clinical": {"before": before or {}, "instruments": {"phq9": PHQ9}, "unsigned": []}}
    return ShiftFacts(1, "North", WINDOW, residents, list(events), extras=extra)


def phq9(rid, minutes, total, band, critical=()):
    data = {"instrument": "phq9", "status": "complete", "total": total, "band": band, "critical_items": list(critical)}
    return EventFact(f"e{rid}{minutes}", "assessment.administered", rid, 5, START + timedelta(minutes=minutes), data)


def test_a_score_says_its_band_and_its_change_since_the_last_before_the_shift():
    out = clinical(facts(phq9(1, 60, 10, "moderate"), before={(1, "phq9"): 4}))
    assert out.notes[1].events == ["08:00 PHQ-9 10 (moderate), +6 since the last — clinically significant"]
    assert out.notes[1].unstable == [] and out.section["scores"][0]["significant"] is True


def test_several_scores_of_one_instrument_in_the_shift_are_one_line():
    out = clinical(facts(phq9(1, 60, 12, "moderate"), phq9(1, 120, 8, "mild")))
    assert out.notes[1].events == ["08:00–09:00 PHQ-9 12 → 8 (mild)"]


def test_a_positive_item_9_makes_the_resident_unstable_with_the_safety_assessment():
    out = clinical(facts(phq9(2, 30, 3, "none_minimal", critical=[9])))
    assert out.notes[2].unstable == ["positive safety screen: PHQ-9 item 9"]
    assert out.notes[2].actions == ["safety assessment by a clinician"]
    assert out.section["positive_screens"] == 1


def test_a_session_tells_that_it_took_place_and_its_high_risk_never_its_words():
    data = {
        "resident_ids": [1],
        "kind": "individual",
        "risk": {"suicide": "high", "violence": "moderate"},
        "summary": {"data": "words of the session", "assessment": "a", "plan": "p"},
    }
    out = clinical(facts(EventFact("s1", "therapy.session_held", None, 5, START + timedelta(hours=1), data)))
    note = out.notes[1]
    assert note.events == ["08:00 individual session"]
    assert note.unstable == ["suicide risk high in a session"] and note.watcher == [
        "violence risk moderate in a session"
    ]
    assert note.actions == ["safety assessment by a clinician"] and "words of the session" not in str(out)
