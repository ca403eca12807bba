"""Codes and figures read as words on the handoff."""

from facility.words import count, duration, say


def test_codes_read_as_words():
    assert say("self_harm") == "self-harm" and say("one_to_one") == "one to one"
    assert say("line_of_sight") == "line of sight" and say("q15") == "q15" and say(None) == ""


def test_counts_agree_with_their_number():
    assert count(1, "check") == "1 check" and count(0, "check") == "0 checks" and count(3, "check") == "3 checks"


def test_durations_read_in_hours_and_minutes():
    assert duration(79) == "1 h 19 min" and duration(79.0002) == "1 h 19 min"
    assert duration(45) == "45 min" and duration(120) == "2 h" and duration(None) == "—"
    assert duration(9 * 60) == "9 h"
