"""The domain contract: each domain declares itself once, and a broken declaration fails at start-up."""

import dataclasses

import pytest
from marshmallow import Schema, fields

from facility.domain import AboutResident, ContractError, Detail, Domain, Kind, Registry, SyncType, Web
from facility.domains import DOMAINS


class Data(Schema):
    note = fields.String()


def handler(session, record, now):
    return []


def test_the_apps_domains_assemble_and_every_kind_has_a_schema_and_declared_handlers():
    registry = Registry(DOMAINS)
    assert {
        "rounds.check",
        "resident.admitted",
        "resident.discharged",
        "observation.level_changed",
        "event.amended",
        "event.voided",
    } <= set(registry.kinds)
    for kind in registry.kinds.values():
        assert issubclass(kind.schema, Schema) and isinstance(kind.handlers, tuple)
    assert registry.sync_types["rounds.check"].service.__name__ == "record_check"
    assert [s.name for s in registry.handoff_sections] == [
        "census",
        "rounds",
        "medication",
        "incidents",
        "episodes",
        "care",
        "clinical",
        "casework",
        "alerts",
    ]


def test_a_kind_without_a_schema_fails_at_start_up():
    with pytest.raises(ContractError, match="no data schema"):
        Registry([Domain("broken", kinds=(Kind("broken.happened", None, ()),))])


def test_a_kind_without_its_handlers_declared_fails_at_start_up():
    with pytest.raises(TypeError):
        Kind("broken.happened", Data)  # handlers has no default: () says "nothing reacts"
    with pytest.raises(ContractError, match="tuple of callables"):
        Registry([Domain("broken", kinds=(Kind("broken.happened", Data, [handler]),))])


def test_reacting_to_a_kind_nobody_declares_fails_at_start_up():
    with pytest.raises(ContractError, match="no domain declares"):
        Registry([Domain("lonely", reactions={"ghost.happened": (handler,)})])


def test_a_kind_or_sync_type_declared_twice_fails_at_start_up():
    kind = Kind("twice.happened", Data, ())
    with pytest.raises(ContractError, match="declared twice"):
        Registry([Domain("a", kinds=(kind,)), Domain("b", kinds=(kind,))])
    sync = SyncType("twice", Data, handler)
    with pytest.raises(ContractError, match="declared twice"):
        Registry([Domain("a", web=Web(sync=(sync,))), Domain("b", web=Web(sync=(sync,)))])


def test_reactions_of_other_domains_run_after_the_kinds_own_handlers():
    def own(session, record, now):
        return ["own"]

    def other(session, record, now):
        return ["other"]

    registry = Registry(
        [Domain("a", kinds=(Kind("a.happened", Data, (own,)),)), Domain("b", reactions={"a.happened": (other,)})]
    )
    assert registry.handlers_for("a.happened") == [own, other]
    with pytest.raises(ContractError, match="not declared"):
        registry.kind("b.happened")


def test_a_resident_detail_is_declared_once_and_its_panel_needs_a_title():
    def read(session, resident):
        return []

    panel = Detail("goals", read, "Goals", "care/_resident_goals.html")
    plain = Detail("contacts", read)
    registry = Registry([Domain("care", resident=AboutResident(details=(panel, plain)))])
    assert registry.resident_panels == {"goals": panel}
    assert registry.resident_details == {"goals": read, "contacts": read}
    with pytest.raises(ContractError, match="no title"):
        Registry([Domain("care", resident=AboutResident(details=(Detail("goals", read, None, "x.html"),)))])
    with pytest.raises(ContractError, match="declared twice"):
        Registry(
            [
                Domain("care", resident=AboutResident(details=(panel,))),
                Domain("other", resident=AboutResident(details=(panel,))),
            ]
        )


def test_what_residents_have_on_a_day_is_every_domains_soonest_first():
    from datetime import UTC, datetime

    from facility.domain import DayItem

    at = [datetime(2026, 6, 10, hour, tzinfo=UTC) for hour in (9, 14, 18)]

    def one(_session, ids, start, end):
        return [DayItem(i, at[1], "14:00 Dr Patel — escort", "a") for i in ids if start <= at[1] < end]

    def other(_session, ids, _start, _end):
        return [DayItem(ids[0], at[2], "18:00 family visit"), DayItem(ids[-1], at[0], "09:00 dentist")]

    registry = Registry(
        [Domain("one", resident=AboutResident(day=one)), Domain("other", resident=AboutResident(day=other))]
    )
    found = registry.day(None, [4, 5], at[0], at[2])
    assert [(i.resident_id, i.line) for i in found] == [
        (5, "09:00 dentist"),
        (4, "14:00 Dr Patel — escort"),
        (5, "14:00 Dr Patel — escort"),
        (4, "18:00 family visit"),
    ]
    assert registry.day(None, [], at[0], at[2]) == []


def test_the_contract_stays_small():
    # A field is added only when two domains or a composition need it; a single domain's need goes through one
    # of these (a chart with its report, a panel with its resident detail).
    assert len(dataclasses.fields(Domain)) <= 10


def test_every_projection_table_is_declared_by_one_domain_and_twice_fails_at_start_up():
    from facility.domain import Projection
    from facility.incidents.rebuild import INCIDENTS

    tables = {t.name for p in Registry(DOMAINS).projections for t in p.tables}
    assert {
        "residents",
        "round_assignments",
        "medication_orders",
        "medication_observations",
        "care_meals",
        "incidents",
        "episodes",
    } <= tables
    twice = Projection((INCIDENTS,), lambda session, log: {})
    with pytest.raises(ContractError, match="declared twice"):
        Registry([Domain("one", projections=(twice,)), Domain("two", projections=(twice,))])
