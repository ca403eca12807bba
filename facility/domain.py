"""The domain contract: what each domain package declares once, and the registry that assembles them.

A domain is a package with a `domain.py` holding one `Domain`. `facility/domains.py` lists them; the app
factory builds a `Registry` from that list and every shared piece (the write path, sync, the scheduler,
the handoff, the navigation) reads the registry of the running app, never a domain's modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import Blueprint, Flask, current_app
from marshmallow import Schema
from sqlalchemy.orm import Session

from facility.outcomes import Outcome
from facility.permissions import role_may

# A handler gathers what its domain's pure rule needs and returns the rule's outcomes (or does any other
# reaction itself and returns nothing). It runs in the transaction that stored the event; `record` is the
# stored event or, for a correction, the effective record (same attributes, corrected data).
EventHandler = Callable[[Session, Any, datetime], list[Outcome]]

# A time rule reads what it needs and returns the outcomes that hold now; the sweep runs it every 30 s.
TimeRule = Callable[[Session, datetime], list[Outcome]]

# A use case storing one record from a client: (session, actor, validated input, now) → (stored, is_new).
UseCase = Callable[[Session, Any, dict[str, Any], datetime], tuple[Any, bool]]


class ContractError(RuntimeError):
    """A domain declared itself inconsistently, or code wrote a kind nobody declared."""


@dataclass(frozen=True)
class Kind:
    """An event kind: the schema of its `data` and the handlers that react when one is stored.

    `handlers` has no default: a kind with nothing to react says so with an empty tuple.
    `correctable` kinds may be amended or voided through /api/v1/events; others change by new events.
    After a correction the `handlers` see the effective record (an amendment) and `on_corrected` handlers
    bring any projection of the kind back in step with the records in force (an amendment or a void).
    A kind may say who corrects its records (`may_correct`) and what the server derives again from an amendment
    (`rederive`); without them, the author or `records.correct.others` corrects, and the data is taken as sent.
    """

    name: str
    schema: type[Schema]
    handlers: tuple[EventHandler, ...]
    correctable: bool = True
    on_corrected: tuple[EventHandler, ...] = ()
    # One plain line for timelines (the resident page): data → "ate 50 % of lunch". None: the kind's name.
    describe: Callable[[dict[str, Any]], str] | None = None
    # The same line when it needs what the record only names (an observation's order): (session, data) → line.
    describe_with: Callable[[Session, dict[str, Any]], str] | None = None
    # Fields of `data` that no amendment may change (how a check's presence was proved stays as recorded).
    protected: tuple[str, ...] = ()
    # Who may correct a record of the kind, when not its author or a role with `records.correct.others`:
    # (session, actor, original event, amending) → None, raising Forbidden or Conflict to refuse (the permission
    # table's rows decide; a session note is its author's alone, a signed plan version is never voided).
    may_correct: Callable[[Session, Any, Any, bool], None] | None = None
    # What the server derives, derived again from an amendment's corrected data before it is stored (an assessment
    # rescored): (session, original event, corrected data) → the data to store; Invalid names a field.
    rederive: Callable[[Session, Any, dict[str, Any]], dict[str, Any]] | None = None


@dataclass(frozen=True)
class Absence:
    """A stretch of time a resident spent off the unit (an outing, a leave), as the owning domain knows it.

    `ended_at` is None while the resident is still out. `escorted` absences suspend the resident's checks:
    a staff member is with them. `label` is shown on the board ("outing: pharmacy, back 14:30").
    """

    resident_id: int
    started_at: datetime
    ended_at: datetime | None
    escorted: bool
    label: str = "off the unit"

    def covers(self, moment: datetime) -> bool:
        return self.started_at <= moment and (self.ended_at is None or moment < self.ended_at)


@dataclass(frozen=True)
class TimelineEntry:
    """A record that names a resident without being filed under them alone (an incident of several residents)."""

    occurred_at: datetime
    what: str
    actor_id: int
    kind: str


@dataclass(frozen=True)
class DayItem:
    """Something a resident has on a day that the floor must see (an appointment outside the unit), said by the
    domain that owns it: `line` is one short line with its time ("14:00 Dr Patel — escort"). `uid` is the record
    it comes from, which a record of another domain may name (an outing signed out for it)."""

    resident_id: int
    at: datetime
    line: str
    uid: str | None = None


# What these residents have in [start, end) (a local day): (session, resident_ids, start, end) → items.
DayReader = Callable[[Session, list[int], datetime, datetime], list[DayItem]]


# The entries a domain adds to a resident's timeline for [start, end): (session, resident, start, end) → entries.
TimelineReader = Callable[[Session, Any, datetime, datetime], list[TimelineEntry]]


# Absences of the given residents overlapping [start, end): (session, resident_ids, start, end) → absences.
AbsenceReader = Callable[[Session, list[int], datetime, datetime], list[Absence]]


@dataclass(frozen=True)
class SyncType:
    """A record type an offline tablet may send through /api/v1/sync: the same schema and use case as its endpoint."""

    name: str
    schema: type[Schema]
    service: UseCase


@dataclass(frozen=True)
class HandoffSection:
    """A domain's part of the handoff.

    `gather(session, unit, window)` reads the domain's own facts for the shift beyond the shared ones (the
    shift's events, residents and alerts); `fold(facts)` is pure and reads them back as `facts.extra(name)`;
    `template` renders the section's figures on the handoff page.
    """

    name: str
    fold: Callable[[Any], Any]
    template: str | None = None
    gather: Callable[[Session, Any, Any], Any] | None = None


@dataclass(frozen=True)
class NavEntry:
    """A link in the page header for the roles the permission table gives `action`; `per_unit` links once per unit of
    the user (unit_id=…)."""

    label: str
    endpoint: str
    action: str
    per_unit: bool = False
    # The start page (`/`) of a role whose work is not on a unit's pages (a case manager's caseload); a role that
    # builds handoffs or reads alerts still starts there.
    start: bool = False


@dataclass(frozen=True)
class Chart:
    """A report's chart on the /reports page itself, per unit of the reader: `read(session, actor, unit, now)`
    gathers what `template` shows (as `data`, with `unit`)."""

    title: str
    template: str
    read: Callable[[Session, Any, Any, datetime], Any]


@dataclass(frozen=True)
class Report:
    """A report page, linked per unit on /reports for the roles the permission table gives `action`, and its
    `chart` there if any."""

    label: str
    endpoint: str
    action: str
    chart: Chart | None = None


@dataclass(frozen=True)
class Web:
    """What a domain serves: its API (flask-smorest blueprints), its pages, their header links, its reports, and
    the record types an offline tablet may send through /api/v1/sync (the same schemas and use cases as the API)."""

    api: tuple[Any, ...] = ()
    pages: Blueprint | None = None
    nav: tuple[NavEntry, ...] = ()
    reports: tuple[Report, ...] = ()
    sync: tuple[SyncType, ...] = ()


@dataclass(frozen=True)
class Detail:
    """A field a domain adds to a resident's detail (GET /api/v1/residents/{id}): `read(session, resident)`.

    With a `template`, the resident page shows it in a panel of its own under `title` (the template sees the
    value as `value` and the resident as `resident`); without one, field by field under its key in words.
    """

    key: str
    read: Callable[[Session, Any], Any]
    title: str | None = None
    template: str | None = None
    # A panel of what staff must see before anything else (a positive safety screen): above the day's timeline.
    first: bool = False


@dataclass(frozen=True)
class AboutResident:
    """What a domain knows about a resident beyond its own events: fields of the detail and panels of the resident
    page, records naming them that are not filed under them alone (the timeline), when they were off the unit
    (the board, the resident page, HBIPS census days), and what they have on a day (the board and the care page)."""

    details: tuple[Detail, ...] = ()
    timeline: TimelineReader | None = None
    absences: AbsenceReader | None = None
    day: DayReader | None = None


@dataclass(frozen=True)
class ProjectedTable:
    """A table a domain keeps in step with its events: the columns naming a row, the columns the events decide."""

    model: type
    key: tuple[str, ...]
    fields: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.model.__tablename__


# (session, log) → table name → row key → {field: value}: the rows as the events alone say they should stand.
# `log` is facility.records.verify.Log (every original with its data in force); values are plain (ISO strings for
# times, lists, dicts), as `facility.records.verify.plain` makes them. The session is only for the stored ids that
# events name (an incident's id ↔ its uid), never for the projected values themselves.
Rebuild = Callable[[Session, Any], dict[str, dict[tuple, dict[str, Any]]]]


@dataclass(frozen=True)
class Projection:
    """How a domain's projection tables are folded again from the log alone (`flask facility verify`)."""

    tables: tuple[ProjectedTable, ...]
    rebuild: Rebuild


@dataclass(frozen=True)
class Domain:
    """Everything a domain contributes, declared in one place.

    Kept small on purpose: a field is here only when two domains or a composition use it; anything else is
    said through one of these (a report's chart with its report, a resident panel with its detail).
    """

    name: str
    kinds: tuple[Kind, ...] = ()
    reactions: dict[str, tuple[EventHandler, ...]] = field(default_factory=dict)  # handlers for others' kinds
    time_rules: tuple[TimeRule, ...] = ()
    handoff: tuple[HandoffSection, ...] = ()
    web: Web = Web()
    resident: AboutResident = AboutResident()
    demo: Callable[[Session, datetime], None] | None = None  # adds the domain's demo data to the demo facility
    projections: tuple[Projection, ...] = ()  # the tables it keeps beside the log, and how to rebuild them


class Registry:
    """The assembled domains: checked once at start-up, then read by the shared machinery."""

    def __init__(self, domains: Iterable[Domain]) -> None:
        self.domains = list(domains)
        self.kinds: dict[str, Kind] = {}
        self.handlers: dict[str, list[EventHandler]] = {}
        self.sync_types: dict[str, SyncType] = {}
        for domain in self.domains:
            for kind in domain.kinds:
                self._declare(domain, kind)
            for entry in domain.web.sync:
                if entry.name in self.sync_types:
                    raise ContractError(f"{domain.name}: sync type {entry.name} is declared twice")
                self.sync_types[entry.name] = entry
        for domain in self.domains:
            for name, handlers in domain.reactions.items():
                if name not in self.kinds:
                    raise ContractError(f"{domain.name} reacts to {name}, which no domain declares")
                self.handlers[name].extend(_callables(domain, name, handlers))
        self.resident_details: dict[str, Callable[[Session, Any], Any]] = {}
        self.resident_panels: dict[str, Detail] = {}  # the details shown in panels of their own
        for domain in self.domains:
            for detail in domain.resident.details:
                if detail.key in self.resident_details:
                    raise ContractError(f"{domain.name}: resident detail {detail.key} is declared twice")
                self.resident_details[detail.key] = detail.read
                if detail.template is not None:
                    if not detail.title:
                        raise ContractError(f"{domain.name}: the panel of resident detail {detail.key} has no title")
                    self.resident_panels[detail.key] = detail
        self.time_rules: list[TimeRule] = [rule for d in self.domains for rule in d.time_rules]
        self.handoff_sections: list[HandoffSection] = [s for d in self.domains for s in d.handoff]
        about = [d.resident for d in self.domains]
        self.absence_readers: list[AbsenceReader] = [a.absences for a in about if a.absences is not None]
        self.timeline_readers: list[TimelineReader] = [a.timeline for a in about if a.timeline is not None]
        self.day_readers: list[DayReader] = [a.day for a in about if a.day is not None]
        self.projections: list[Projection] = [p for d in self.domains for p in d.projections]
        tables = [t.name for p in self.projections for t in p.tables]
        if len(tables) != len(set(tables)):
            raise ContractError(f"a projection table is declared twice: {sorted(tables)}")

    def _declare(self, domain: Domain, kind: Kind) -> None:
        if kind.name in self.kinds:
            raise ContractError(f"{domain.name}: event kind {kind.name} is declared twice")
        if not (isinstance(kind.schema, type) and issubclass(kind.schema, Schema)):
            raise ContractError(f"{domain.name}: event kind {kind.name} has no data schema")
        self.kinds[kind.name] = kind
        self.handlers[kind.name] = _callables(domain, kind.name, kind.handlers)
        _callables(domain, kind.name, kind.on_corrected)

    def kind(self, name: str) -> Kind:
        """The declaration of an event kind; ContractError for a kind no domain declared."""
        try:
            return self.kinds[name]
        except KeyError:
            raise ContractError(f"event kind {name!r} is not declared by any domain") from None

    def handlers_for(self, name: str) -> list[EventHandler]:
        return self.handlers.get(name, [])

    def absences(self, session: Session, resident_ids: list[int], start: datetime, end: datetime) -> list[Absence]:
        """Every domain's absences of these residents overlapping [start, end), oldest first."""
        if not resident_ids:
            return []
        found = [a for reader in self.absence_readers for a in reader(session, list(resident_ids), start, end)]
        return sorted(found, key=lambda a: (a.started_at, a.resident_id))

    def day(self, session: Session, resident_ids: list[int], start: datetime, end: datetime) -> list[DayItem]:
        """What every domain says these residents have in [start, end), soonest first."""
        if not resident_ids:
            return []
        found = [i for reader in self.day_readers for i in reader(session, list(resident_ids), start, end)]
        return sorted(found, key=lambda i: (i.at, i.resident_id))

    def timeline(self, session: Session, resident: Any, start: datetime, end: datetime) -> list[TimelineEntry]:
        """What every domain adds to the resident's timeline for [start, end) beyond their own events."""
        return [entry for reader in self.timeline_readers for entry in reader(session, resident, start, end)]

    def describe(self, kind: str, data: dict[str, Any], session: Session | None = None) -> str:
        """One plain line for an event of `kind` (its declared describer, else the kind's name in words).

        With a session, a kind that describes itself through what its record names (describe_with) does so.
        """
        declared = self.kinds.get(kind)
        if declared is not None and declared.describe_with is not None and session is not None:
            return declared.describe_with(session, data)
        if declared is not None and declared.describe is not None:
            return declared.describe(data)
        return kind.replace(".", " ").replace("_", " ")

    def nav_for(self, role: str) -> list[NavEntry]:
        """The header links a role sees, in the order the domains are listed."""
        return [entry for d in self.domains for entry in d.web.nav if role_may(role, entry.action)]

    def reports_for(self, role: str) -> list[Report]:
        """The report pages a role may open, in the order the domains are listed."""
        return [report for d in self.domains for report in d.web.reports if role_may(role, report.action)]

    def charts_for(self, role: str) -> list[Chart]:
        """The charts of /reports a role sees: those of the reports it may open, in the same order."""
        return [report.chart for report in self.reports_for(role) if report.chart is not None]

    def install(self, app: Flask) -> None:
        """Make this the app's registry."""
        app.extensions["facility_registry"] = self


def _callables(domain: Domain, name: str, handlers: Any) -> list[EventHandler]:
    if not isinstance(handlers, tuple) or not all(callable(h) for h in handlers):
        raise ContractError(f"{domain.name}: the handlers of {name} must be a tuple of callables")
    return list(handlers)


def registry() -> Registry:
    """The running app's registry."""
    return current_app.extensions["facility_registry"]
