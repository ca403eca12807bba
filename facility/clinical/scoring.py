"""Scoring an administration, pure: the answers and the instrument in, the total, band and critical items out.

The server scores, never the client. An administration with an item unanswered is stored as incomplete with its
reason and has no total and no band (a partial sum would read as a lower score than the resident has); its
critical items still count, since a positive answer to PHQ-9 item 9 matters whatever else was left blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from facility.clinical.instruments import Band, Instrument
from facility.errors import Invalid

COMPLETE, INCOMPLETE = "complete", "incomplete"


@dataclass(frozen=True)
class Score:
    """What an administration comes to."""

    status: str
    total: int | None
    band: str | None
    critical_items: tuple[int, ...]
    missing: tuple[int, ...]


def read_answers(instrument: Instrument, answers: dict[str, Any]) -> dict[int, int]:
    """The answers by item number; Invalid naming `answers` for an unknown item or a value the item does not offer.

    An item given as null counts as unanswered.
    """
    problems: list[str] = []
    found: dict[int, int] = {}
    for key, value in answers.items():
        try:
            n = int(str(key))
        except ValueError:
            problems.append(f"{key!r} is not an item number")
            continue
        item = instrument.item(n)
        if item is None:
            problems.append(f"{instrument.name} has no item {key}")
        elif value is None:
            continue
        elif isinstance(value, bool) or not isinstance(value, int) or value not in item.values:
            offered = ", ".join(str(v) for v in sorted(item.values))
            problems.append(f"item {n}: {value!r} is not one of its answers ({offered})")
        else:
            found[n] = value
    if problems:
        raise Invalid("answers: " + "; ".join(problems), {"answers": problems})
    return found


def band_of(instrument: Instrument, total: int) -> Band | None:
    """The band whose range holds total, both ends included; None for an instrument without bands."""
    return next((b for b in instrument.bands if b.low <= total <= b.high), None)


def score(instrument: Instrument, answers: dict[str, Any], incomplete_reason: str | None) -> Score:
    """Score an administration; Invalid naming `answers` when an item is missing and no reason says why."""
    given = read_answers(instrument, answers)
    missing = tuple(i.n for i in instrument.items if i.n not in given)
    critical = tuple(c.n for c in instrument.critical_items if c.n in given and given[c.n] > c.above)
    if missing:
        if not (incomplete_reason or "").strip():
            raise Invalid.field(
                "answers",
                f"item{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing))} not answered: answer every "
                "item, or give incomplete_reason to store it as incomplete (it is then not scored)",
            )
        return Score(INCOMPLETE, None, None, critical, missing)
    total = sum(given.values())
    band = band_of(instrument, total)
    return Score(COMPLETE, total, band.code if band else None, critical, ())


def change_from(instrument: Instrument, previous: int | None, total: int | None) -> tuple[int | None, bool]:
    """The change of total since the previous complete administration, and whether it is clinically significant
    (at least the instrument's `significant_change`, either way)."""
    if previous is None or total is None:
        return None, False
    change = total - previous
    threshold = instrument.significant_change
    return change, threshold is not None and abs(change) >= threshold
