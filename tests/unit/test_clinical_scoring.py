"""Instruments as data and the server's scoring: every band edge of PHQ-9 and GAD-7, BPRS totals, missing items."""

from __future__ import annotations

import json

import pytest

from facility.clinical.instruments import SHIPPED, InstrumentRefused, load_file, load_folders, parse
from facility.clinical.scoring import change_from, score
from facility.errors import Invalid

PHQ9 = load_file(SHIPPED / "phq9.json")
GAD7 = load_file(SHIPPED / "gad7.json")
BPRS = load_file(SHIPPED / "bprs.json")


def answers_summing_to(instrument, total: int) -> dict[str, int]:
    """Answers whose sum is total, filled item by item from the first."""
    low = min(o.value for o in instrument.items[0].options)
    high = max(o.value for o in instrument.items[0].options)
    left = total - low * len(instrument.items)
    answers = {}
    for item in instrument.items:
        step = min(high - low, left)
        answers[str(item.n)] = low + step
        left -= step
    assert left == 0, "total out of the instrument's range"
    return answers


def test_the_shipped_instruments_load_with_their_items_options_and_licence():
    found = load_folders(SHIPPED)
    assert set(found) == {"phq9", "gad7", "bprs"}
    assert (len(PHQ9.items), len(GAD7.items), len(BPRS.items)) == (9, 7, 18)
    assert [o.value for o in PHQ9.items[8].options] == [0, 1, 2, 3]
    assert [o.value for o in BPRS.items[0].options] == [1, 2, 3, 4, 5, 6, 7]
    assert all(i.licence and i.source for i in found.values())
    assert [(c.n, c.above, c.alert) for c in PHQ9.critical_items] == [(9, 0, "suicide_risk_screen")]


def test_a_definition_without_a_licence_statement_refuses_to_load(tmp_path):
    raw = json.loads((SHIPPED / "gad7.json").read_text())
    raw.pop("licence")
    with pytest.raises(InstrumentRefused, match="no licence statement"):
        parse(raw)
    for blank in ("", "   "):
        with pytest.raises(InstrumentRefused, match="licence"):
            parse({**raw, "licence": blank})
    # In a folder of definitions it is left out, and the others still load.
    (tmp_path / "mine.json").write_text(json.dumps({**raw, "code": "mine"}))
    (tmp_path / "phq9.json").write_text((SHIPPED / "phq9.json").read_text())
    assert set(load_folders(tmp_path)) == {"phq9"}


@pytest.mark.parametrize(
    "total, band",
    [
        (0, "none_minimal"),
        (4, "none_minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately_severe"),
        (19, "moderately_severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_phq9_bands_hold_at_their_exact_edges(total, band):
    scored = score(PHQ9, answers_summing_to(PHQ9, total), None)
    assert (scored.status, scored.total, scored.band) == ("complete", total, band)


@pytest.mark.parametrize(
    "total, band",
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_gad7_bands_hold_at_their_exact_edges(total, band):
    scored = score(GAD7, answers_summing_to(GAD7, total), None)
    assert (scored.status, scored.total, scored.band) == ("complete", total, band)


@pytest.mark.parametrize("total", [18, 19, 54, 125, 126])
def test_bprs_totals_run_from_18_to_126_without_bands(total):
    scored = score(BPRS, answers_summing_to(BPRS, total), None)
    assert (scored.status, scored.total, scored.band) == ("complete", total, None)


def test_bprs_refuses_a_zero_which_is_not_on_its_scale():
    answers = {str(n): 1 for n in range(1, 19)} | {"4": 0}
    with pytest.raises(Invalid) as refused:
        score(BPRS, answers, None)
    assert "item 4" in refused.value.errors["answers"][0]


def test_phq9_item_9_above_zero_is_critical_and_zero_is_not():
    answers = {str(n): 0 for n in range(1, 10)}
    assert score(PHQ9, answers, None).critical_items == ()
    assert score(PHQ9, answers | {"9": 1}, None).critical_items == (9,)
    assert score(PHQ9, answers | {"9": 3}, None).critical_items == (9,)


def test_a_missing_item_without_a_reason_is_refused_naming_answers():
    answers = {str(n): 1 for n in range(1, 9)}
    with pytest.raises(Invalid) as refused:
        score(PHQ9, answers, None)
    assert "item 9 not answered" in refused.value.errors["answers"][0]
    with pytest.raises(Invalid):
        score(PHQ9, answers | {"9": None}, "  ")


def test_a_missing_item_with_a_reason_is_incomplete_and_never_scored_but_its_critical_items_count():
    answers = {str(n): 3 for n in range(1, 9)}
    scored = score(PHQ9, answers, "resident stopped after item 8")
    assert (scored.status, scored.total, scored.band, scored.missing) == ("incomplete", None, None, (9,))
    scored = score(PHQ9, {"1": 2, "9": 2}, "asked only the first and last item in a crisis")
    assert scored.status == "incomplete" and scored.total is None and scored.critical_items == (9,)


@pytest.mark.parametrize(
    "answers, words",
    [
        ({"10": 1}, "no item 10"),
        ({"x": 1}, "not an item number"),
        ({"1": 4}, "item 1: 4 is not one of"),
        ({"2": -1}, "item 2"),
    ],
)
def test_an_unknown_item_or_an_answer_out_of_range_is_refused_even_with_a_reason(answers, words):
    with pytest.raises(Invalid) as refused:
        score(PHQ9, {str(n): 0 for n in range(1, 10)} | answers, "a reason")
    assert any(words in m for m in refused.value.errors["answers"])


def test_a_change_of_five_points_on_phq9_is_clinically_significant_either_way_and_four_is_not():
    assert change_from(PHQ9, 10, 15) == (5, True)
    assert change_from(PHQ9, 15, 10) == (-5, True)
    assert change_from(PHQ9, 10, 14) == (4, False)
    assert change_from(PHQ9, None, 14) == (None, False)
    assert change_from(GAD7, 2, 12) == (10, False)  # GAD-7 names no significant change
