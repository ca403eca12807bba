"""Codes and figures as a person reads them: 'self-harm', 'one to one', '1 check missed', '1 h 19 min'."""

from __future__ import annotations

from datetime import date

# Codes whose plain reading is not just the code with spaces.
_SAID = {
    "self_harm": "self-harm",
    "self_harm_behavior": "self-harm behaviour",
    "q5": "q5",
    "q15": "q15",
    "q30": "q30",
    "q60": "q60",
    "awake_calm": "awake, calm",
    "awake_active": "awake, active",
    "awake_withdrawn": "awake, withdrawn",
    "not_seen": "not seen",
    "abuse_suspected": "suspected abuse",
    "neglect_suspected": "suspected neglect",
    "in_person": "in person",
}


def say(code: str | None) -> str:
    """A code in words."""
    if not code:
        return ""
    return _SAID.get(code, code.replace("_", " "))


def count(n: int, thing: str, plural: str | None = None) -> str:
    """'1 check', '3 checks'."""
    return f"{n} {thing if n == 1 else plural or thing + 's'}"


def duration(minutes: float | None) -> str:
    """'45 min', '2 h', '1 h 19 min' — whole minutes, rounded."""
    if minutes is None:
        return "—"
    total = int(round(minutes))
    hours, rest = divmod(total, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest} min"


def short_label(label: str) -> str:
    """A day's or shift's label short enough for a chart's axis: 'Thu 03 Dec' → '03 Dec',
    'Wed 10 Jun 07:00–15:00 EDT' → '10 Jun 07:00'."""
    words = label.split("–", 1)[0].split()
    return " ".join(words[1:] if len(words) > 1 and words[0].isalpha() and len(words[0]) == 3 else words)


def day(value: str | date | None) -> str:
    """A calendar day as the unit reads it, 'Tue 15 Dec 2026' (from a date or its ISO text); '' for none."""
    if not value:
        return ""
    return f"{value if isinstance(value, date) else date.fromisoformat(value):%a %d %b %Y}"
