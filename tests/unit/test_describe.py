"""Every kind a resident's timeline can show says itself in one plain line."""

import pytest

from facility.domain import Registry
from facility.domains import DOMAINS

REGISTRY = Registry(DOMAINS)


@pytest.mark.parametrize("kind", sorted(k for k in REGISTRY.kinds if not k.startswith("event.")))
def test_each_kind_has_a_describer(kind):
    assert REGISTRY.kinds[kind].describe is not None, f"{kind} has no describer for timelines"


def test_a_check_reads_as_the_worker_saw_it():
    line = REGISTRY.describe("rounds.check", {"state": "asleep", "location": "own_room", "breathing_observed": True})
    assert line == "check: asleep, own room, breathing seen"


def test_a_check_that_did_not_see_the_resident_reads_as_no_check():
    line = REGISTRY.describe("rounds.check", {"state": "asleep", "location": "own_room", "breathing_observed": False})
    assert line == "NOT CHECKED — asleep, own room, breathing NOT seen"
    line = REGISTRY.describe("rounds.check", {"state": "not_seen", "location": "unable_to_locate"})
    assert line == "NOT CHECKED — missing: unable to locate"


def test_a_level_change_names_both_levels_and_the_reason():
    line = REGISTRY.describe("observation.level_changed", {"from": "q15", "to": "q60", "reason": "settled"})
    assert "→" in line and line.endswith("settled")


def test_a_refused_dose_with_side_effects_says_both():
    line = REGISTRY.describe("medobs.observed", {"order_id": 3, "outcome": "refused", "side_effects": ["nausea"]})
    assert "refused" in line and "nausea" in line


def test_an_order_reads_as_a_nurse_says_it():
    from facility.medobs.describe import order_words

    assert (
        order_words(
            {
                "medication": "sertraline",
                "strength": "50 mg",
                "dose": "1 tablet",
                "route": "oral",
                "times": ["20:00", "08:00"],
            }
        )
        == "Sertraline 50 mg, 1 tablet by mouth, 08:00 and 20:00 daily"
    )
    assert (
        order_words(
            {
                "medication": "lorazepam",
                "strength": "1 mg",
                "dose": "1 tablet",
                "route": "sublingual",
                "prn": True,
                "prn_indication": "agitation",
                "prn_max_per_24h": 2,
            }
        )
        == "Lorazepam 1 mg, 1 tablet under the tongue, as needed for agitation (at most 2 in 24 h)"
    )
