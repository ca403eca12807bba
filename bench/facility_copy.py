"""More units like the first one, fast: a new unit's staff, residents and orders, then unit 1's record copied in SQL.

INSERT … SELECT inside SQLite moves the year in seconds where Python would take minutes. The copy keeps each
record's links: resident, order and incident ids are moved by the new unit's offset, the two staff ids are
swapped for the new unit's, and every uid keeps its random first 24 characters and ends with the unit's number
(so a projection row still names its event). JSON data inside events still names unit 1's ids; nothing that
the sweep or the board reads looks there.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text

from bench.facility_gen import UnitData, add_unit

INCIDENT_ID_STEP = 1_000_000  # incidents of unit k get unit 1's ids + k * this


def _uid(column: str, k: int) -> str:
    return f"CASE WHEN {column} IS NULL THEN NULL ELSE substr({column}, 1, 24) || printf('%012d', {k}) END"


def _copy(session, table: str, columns: list[str], changed: dict[str, str], where: str) -> int:
    select_list = ", ".join(changed.get(c, c) for c in columns)
    result = session.execute(
        text(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select_list} FROM {table} WHERE {where}")
    )
    return result.rowcount


def _columns(session, table: str) -> list[str]:
    return [row[1] for row in session.execute(text(f"PRAGMA table_info({table})"))]


def _contiguous(ids: list[int]) -> int:
    assert ids == list(range(ids[0], ids[0] + len(ids))), "the copy needs a unit's ids in one run"
    return ids[0]


def copy_unit(app, source: UnitData, k: int, admitted_at: datetime) -> tuple[UnitData, int]:
    """Unit k, made like source (staff, residents, orders) and given a copy of its record; (unit, rows copied)."""
    unit = add_unit(app, f"Unit {k}", admitted_at)
    rid = _contiguous(unit.resident_ids) - _contiguous(source.resident_ids)
    oid = _contiguous([o for o, _r in unit.orders]) - _contiguous([o for o, _r in source.orders])
    staff = (
        f"CASE {{c}} WHEN {source.worker_id} THEN {unit.worker_id} WHEN {source.nurse_id} THEN {unit.nurse_id} "
        f"ELSE {{c}} END"
    )
    inc = k * INCIDENT_ID_STEP
    src_residents = f"resident_id BETWEEN {source.resident_ids[0]} AND {source.resident_ids[-1]}"
    src_orders = f"order_id BETWEEN {source.orders[0][0]} AND {source.orders[-1][0]}"
    plans = [
        (
            "events",
            {
                "id": None,
                "uid": _uid("uid", k),
                "corrects_uid": _uid("corrects_uid", k),
                "unit_id": str(unit.unit_id),
                "resident_id": f"resident_id + {rid}",
                "actor_id": staff.format(c="actor_id"),
            },
            f"unit_id = {source.unit_id} AND kind != 'medication.ordered'",
        ),
        (
            "medication_observations",
            {
                "id": None,
                "uid": _uid("uid", k),
                "followup_uid": _uid("followup_uid", k),
                "order_id": f"order_id + {oid}",
                "resident_id": f"resident_id + {rid}",
                "witness_id": staff.format(c="witness_id"),
            },
            src_orders,
        ),
        ("care_meals", {"id": None, "uid": _uid("uid", k), "resident_id": f"resident_id + {rid}"}, src_residents),
        (
            "incidents",
            {
                "id": f"id + {inc}",
                "uid": _uid("uid", k),
                "unit_id": str(unit.unit_id),
                "author_id": staff.format(c="author_id"),
            },
            f"unit_id = {source.unit_id} AND id < {INCIDENT_ID_STEP}",
        ),
        (
            "incident_steps",
            {
                "id": None,
                "uid": _uid("uid", k),
                "incident_id": f"incident_id + {inc}",
                "actor_id": staff.format(c="actor_id"),
            },
            f"incident_id IN (SELECT id FROM incidents WHERE unit_id = {source.unit_id})",
        ),
        (
            "episodes",
            {
                "id": None,
                "uid": _uid("uid", k),
                "incident_id": f"incident_id + {inc}",
                "unit_id": str(unit.unit_id),
                "resident_id": f"resident_id + {rid}",
                "started_by_id": staff.format(c="started_by_id"),
                "face_to_face_by_id": staff.format(c="face_to_face_by_id"),
                "ended_by_id": staff.format(c="ended_by_id"),
            },
            f"unit_id = {source.unit_id}",
        ),
        (
            "alerts",
            {
                "id": None,
                "unit_id": str(unit.unit_id),
                "resident_id": f"resident_id + {rid}",
                "source_uid": _uid("source_uid", k),
                "condition": f"condition || '/unit{k}'",
                "acknowledged_by_id": staff.format(c="acknowledged_by_id"),
            },
            f"unit_id = {source.unit_id}",
        ),
    ]
    copied = 0
    with app.app_context():
        session = app.extensions["facility_db"].new_session()
        # A big page cache: the copy's cost is SQLite placing random uids in the unique index.
        session.execute(text("PRAGMA cache_size = -400000"))
        for table, changed, where in plans:
            columns = [c for c in _columns(session, table) if not (c in changed and changed[c] is None)]
            copied += _copy(session, table, columns, changed, where)
        session.commit()
        session.execute(text("PRAGMA cache_size = -2000"))  # SQLite's default again, for what is measured after
        session.close()
    return unit, copied
