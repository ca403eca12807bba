"""Standardized instruments as data: definition files read at start-up, each with its licence or not at all.

A definition is a JSON file (`facility/clinical/instruments/*.json`, and any a facility adds in the folder named by
`CLINICAL_INSTRUMENTS_DIR`): items, the options of each, how it is scored, the bands of the total, the items whose
answer raises an alert, its source and its licence. A definition that says nothing of its licence is refused: a
facility may use only what it holds the rights to.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, current_app, has_app_context

log = logging.getLogger(__name__)

SHIPPED = Path(__file__).parent / "instruments"
EXTENSION_KEY = "clinical_instruments"


class InstrumentRefused(ValueError):
    """A definition file that cannot be used: no licence statement, or a shape the scoring cannot read."""


@dataclass(frozen=True)
class Option:
    """One answer an item offers: its value (what it scores) and its words."""

    value: int
    label: str


@dataclass(frozen=True)
class Item:
    """A question (or a rated symptom) and the answers it offers."""

    n: int
    text: str
    options: tuple[Option, ...]

    @property
    def values(self) -> frozenset[int]:
        return frozenset(o.value for o in self.options)


@dataclass(frozen=True)
class Band:
    """A range of totals, both ends included, and what it is called."""

    code: str
    label: str
    low: int
    high: int


@dataclass(frozen=True)
class CriticalItem:
    """An item whose answer above `above` needs someone at once, and the alert it raises."""

    n: int
    above: int
    alert: str
    why: str


@dataclass(frozen=True)
class Instrument:
    """A loaded definition."""

    code: str
    name: str
    version: str
    prompt: str
    items: tuple[Item, ...]
    scoring: dict[str, Any]
    bands: tuple[Band, ...]
    critical_items: tuple[CriticalItem, ...]
    source: str
    licence: str
    loinc: str | None = None
    short: str = ""  # what the unit calls it: "PHQ-9"

    @property
    def label(self) -> str:
        return self.short or self.code.upper()

    @property
    def significant_change(self) -> int | None:
        """The change of total since the previous administration that is clinically significant, if the
        instrument names one (PHQ-9: 5 points)."""
        return self.scoring.get("significant_change")

    def item(self, n: int) -> Item | None:
        return next((i for i in self.items if i.n == n), None)

    def shown(self) -> dict[str, Any]:
        """The definition as GET /api/v1/instruments answers it."""
        return {
            "code": self.code,
            "name": self.name,
            "short": self.label,
            "version": self.version,
            "prompt": self.prompt,
            "items": [
                {"n": i.n, "text": i.text, "options": [{"value": o.value, "label": o.label} for o in i.options]}
                for i in self.items
            ],
            "scoring": dict(self.scoring),
            "bands": [{"code": b.code, "label": b.label, "min": b.low, "max": b.high} for b in self.bands],
            "critical_items": [{"n": c.n, "above": c.above, "alert": c.alert} for c in self.critical_items],
            "source": self.source,
            "licence": self.licence,
            "loinc": self.loinc,
        }


def _options(raw: Any, where: str) -> tuple[Option, ...]:
    if not isinstance(raw, list) or not raw:
        raise InstrumentRefused(f"{where}: no options")
    return tuple(Option(int(o["value"]), str(o["label"])) for o in raw)


def parse(raw: dict[str, Any], where: str = "definition") -> Instrument:
    """An instrument from its definition; InstrumentRefused when it has no licence statement or cannot be scored."""
    code = str(raw.get("code") or "").strip()
    where = f"{where} ({code})" if code else where
    licence = str(raw.get("licence") or raw.get("license") or "").strip()
    if not licence:
        raise InstrumentRefused(f"{where}: no licence statement; an instrument is used only with its rights stated")
    if not code or not str(raw.get("name") or "").strip():
        raise InstrumentRefused(f"{where}: a definition needs a code and a name")
    try:
        shared = raw.get("options")
        items = tuple(
            Item(int(i["n"]), str(i["text"]), _options(i.get("options", shared), f"{where} item {i.get('n')}"))
            for i in raw["items"]
        )
        bands = tuple(
            Band(str(b["code"]), str(b.get("label", b["code"])), int(b["min"]), int(b["max"]))
            for b in raw.get("bands", [])
        )
        critical = tuple(
            CriticalItem(int(c["n"]), int(c.get("above", 0)), str(c["alert"]), str(c.get("why", "")))
            for c in raw.get("critical_items", [])
        )
    except (KeyError, TypeError, ValueError) as bad:
        raise InstrumentRefused(f"{where}: {bad!r} in its items, bands or critical items") from bad
    if not items or len({i.n for i in items}) != len(items):
        raise InstrumentRefused(f"{where}: items must be numbered once each")
    if any(c.n not in {i.n for i in items} for c in critical):
        raise InstrumentRefused(f"{where}: a critical item names no item of the instrument")
    scoring = dict(raw.get("scoring") or {"method": "sum"})
    if scoring.get("method", "sum") != "sum":
        raise InstrumentRefused(f"{where}: only summed scores are understood")
    return Instrument(
        code=code,
        name=str(raw["name"]),
        version=str(raw.get("version", "")),
        prompt=str(raw.get("prompt", "")),
        items=items,
        scoring=scoring,
        bands=bands,
        critical_items=critical,
        source=str(raw.get("source", "")),
        licence=licence,
        loinc=raw.get("loinc"),
        short=str(raw.get("short") or ""),
    )


def load_file(path: Path) -> Instrument:
    """One definition file; InstrumentRefused when it may not be used."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as bad:
        raise InstrumentRefused(f"{path.name}: not a readable JSON definition ({bad})") from bad
    if not isinstance(raw, dict):
        raise InstrumentRefused(f"{path.name}: a definition is one JSON object")
    return parse(raw, path.name)


def load_folders(*folders: Path) -> dict[str, Instrument]:
    """Every usable definition of the folders, by code; a refused file is logged and left out, never half-loaded."""
    found: dict[str, Instrument] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            try:
                instrument = load_file(path)
            except InstrumentRefused as refused:
                log.warning("instrument definition not loaded: %s", refused)
                continue
            found[instrument.code] = instrument
    return found


def install(app: Flask) -> None:
    """Load the shipped definitions and the facility's own into the app (at start-up)."""
    folders = [SHIPPED]
    extra = app.config.get("CLINICAL_INSTRUMENTS_DIR")
    if extra:
        folders.append(Path(extra))
    app.extensions[EXTENSION_KEY] = load_folders(*folders)


def catalogue() -> dict[str, Instrument]:
    """The running app's instruments, by code."""
    return current_app.extensions[EXTENSION_KEY]


def label_of(code: str) -> str:
    """What the unit calls the instrument of that code ("PHQ-9"), its code in capitals when it is not loaded."""
    found = catalogue().get(code) if has_app_context() else None
    return found.label if found else code.upper()
