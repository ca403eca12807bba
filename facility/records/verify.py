"""Proving the projections are derived from the log: fold every declared projection again, compare it with the tables.

The events are the record; a row of a projection table that the events do not give (changed or deleted below the
API, or a handler's bug) is a difference. A difference names the table, the row (its id, or its key when the row
is missing) and the field, never a value: the values are residents' data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from facility.records.log import effective_data
from facility.records.models import Event
from facility.timeutil import ensure_aware

MISSING = "missing: its events say the row exists"
EXTRA = "not derived from any event"


def plain(value: Any) -> Any:
    """A value as both sides of the comparison write it: times as UTC ISO strings, days as ISO, JSON as is."""
    if isinstance(value, datetime):
        return ensure_aware(value).astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def instant(value: Any) -> datetime | None:
    """A time stored in an event's data (an ISO string) as a datetime."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class Recorded:
    """An original event as the folds read it: who, when, and its data in force (None once voided)."""

    id: int
    uid: str
    kind: str
    unit_id: int
    resident_id: int | None
    actor_id: int
    occurred_at: datetime
    recorded_at: datetime
    original: dict[str, Any]
    data: dict[str, Any] | None

    @property
    def voided(self) -> bool:
        return self.data is None


class Log:
    """Every original event of the log, oldest first, each with the data now in force."""

    def __init__(self, events: Iterable[Any]) -> None:
        originals: list[Any] = []
        corrections: dict[str, list[Any]] = {}
        for event in events:
            if event.corrects_uid is None:
                originals.append(event)
            else:
                corrections.setdefault(event.corrects_uid, []).append(event)
        self.records = [
            Recorded(
                e.id,
                e.uid,
                e.kind,
                e.unit_id,
                e.resident_id,
                e.actor_id,
                e.occurred_at,
                e.recorded_at,
                e.data,
                effective_data(e, corrections.get(e.uid, [])),
            )
            for e in originals
        ]
        self.by_uid = {r.uid: r for r in self.records}

    @classmethod
    def read(cls, session: Session) -> Log:
        # Plain rows, not ORM objects: the whole log is read once, and identity-mapping it would cost the most.
        return cls(session.execute(select(Event.__table__).order_by(Event.id)))

    def of(self, *kinds: str) -> Iterator[Recorded]:
        """The originals of these kinds, in the order they were stored."""
        wanted = set(kinds)
        return (r for r in self.records if r.kind in wanted)


@dataclass(frozen=True)
class Difference:
    """One field of one row that the events do not give: table, row (id or key), field; never a value."""

    table: str
    row: str
    field: str

    def __str__(self) -> str:
        if self.field in (MISSING, EXTRA):
            return f"{self.table} row {self.row}: {self.field}"
        return f"{self.table} row {self.row} field {self.field}: differs from its events"


def stored(session: Session, table: Any) -> dict[tuple, tuple[str, dict[str, Any]]]:
    """A projection table's rows: key → (the row's id as it is named, {field: plain value})."""
    model = table.model
    row_id = inspect(model).primary_key[0]  # `id`, or the column that names the row (a resident's case manager)
    columns = [row_id, *(getattr(model, c) for c in table.key), *(getattr(model, f) for f in table.fields)]
    found = {}
    width = len(table.key)
    for row in session.execute(select(*columns).order_by(row_id)):
        key = tuple(plain(v) for v in row[1 : 1 + width])
        found[key] = (str(row[0]), dict(zip(table.fields, (plain(v) for v in row[1 + width :]))))
    return found


def _key_label(table: Any, key: tuple) -> str:
    return ", ".join(f"{name}={value}" for name, value in zip(table.key, key))


def compare(
    table: Any, expected: dict[tuple, dict[str, Any]], found: dict[tuple, tuple[str, dict[str, Any]]]
) -> list[Difference]:
    """Every missing row, extra row and differing field of one table."""
    differences = []
    for key, fields in expected.items():
        if key not in found:
            differences.append(Difference(table.name, _key_label(table, key), MISSING))
            continue
        row_id, have = found[key]
        # A field the rebuild leaves out is one the events do not decide for that row: it is not compared.
        differences += [
            Difference(table.name, row_id, name)
            for name in table.fields
            if name in fields and plain(fields[name]) != have.get(name)
        ]
    differences += [Difference(table.name, found[key][0], EXTRA) for key in found if key not in expected]
    return differences


@dataclass(frozen=True)
class Verdict:
    """What a verification found: the differences, and how much it looked at."""

    differences: list[Difference]
    tables: int
    rows: int

    @property
    def tables_differing(self) -> list[str]:
        return sorted({d.table for d in self.differences})


def verify(session: Session, projections: Iterable[Any]) -> Verdict:
    """Fold every projection again from the log and compare it with its tables (reads only)."""
    log = Log.read(session)
    differences: list[Difference] = []
    tables = rows = 0
    for projection in projections:
        rebuilt = projection.rebuild(session, log)
        for table in projection.tables:
            expected = {tuple(plain(k) for k in key): fields for key, fields in rebuilt.get(table.name, {}).items()}
            found = stored(session, table)
            differences += compare(table, expected, found)
            tables, rows = tables + 1, rows + len(found)
    return Verdict(differences, tables, rows)
