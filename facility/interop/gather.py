"""Reading a job's scope from the database, a batch at a time, as FHIR resources (dicts).

Each reader yields lists of resources of one type. The records staff write are filtered by `_since` (their
event, or a correction of it, stored since then); the census frame (patients, stays, precautions, staff, units)
is exported whole, so that every reference of an export resolves inside it. Nothing is read from a process note.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select, true
from sqlalchemy.orm import Session, aliased

from facility.auth.models import User, user_units
from facility.care.codes import ADL
from facility.care.models import Consent
from facility.casework.models import Referral, Resource
from facility.census.codes import LEVEL_CHANGED, TRANSFERRED
from facility.census.models import Resident, Unit
from facility.clinical.models import Assessment
from facility.clinical.models import TreatmentPlan as Plan
from facility.goals import FLOOR
from facility.goals.models import Goal
from facility.incidents.codes import DRAFT
from facility.incidents.models import Episode, Incident
from facility.interop import care_plans, medication, people, records
from facility.interop.records import Recorded
from facility.medobs.models import DoseObservation, MedicationOrder
from facility.records.log import corrections_of, effective_data
from facility.records.models import Event
from facility.rounds.codes import CHECK

BATCH = 500
OBSERVED_KINDS = {
    CHECK: records.check_observation,
    LEVEL_CHANGED: records.level_observation,
    ADL: records.adl_observation,
}

Batches = Iterator[list[dict[str, Any]]]


@dataclass
class Scope:
    """What one export covers: the units, their residents, the window of records, and the staff referenced."""

    unit_ids: list[int]
    resident_ids: list[int]
    since: datetime | None
    until: datetime
    zone: ZoneInfo
    practitioners: set[int] = field(default_factory=set)
    units: set[int] = field(default_factory=set)  # units the stays name beyond the scope's (a transfer's unit left)


def scope_of(session: Session, unit_ids: list[int], since: datetime | None, until: datetime, zone: ZoneInfo) -> Scope:
    """The scope of units: every resident on them now, in care or discharged."""
    resident_ids = list(
        session.scalars(select(Resident.id).where(Resident.unit_id.in_(unit_ids)).order_by(Resident.id))
    )
    return Scope(sorted(unit_ids), resident_ids, since, until, zone)


def _changed(uid_column: Any, since: datetime | None) -> Any:
    """Rows whose event, or a correction of it, was stored since `since` (everything when there is no since)."""
    if since is None:
        return true()
    stored = select(Event.uid).where(Event.recorded_at >= since)
    corrected = select(Event.corrects_uid).where(Event.recorded_at >= since, Event.corrects_uid.is_not(None))
    return or_(uid_column.in_(stored), uid_column.in_(corrected))


def _keyset(session: Session, statement: Any, key: Any) -> Iterator[list[Any]]:
    """The rows of statement in batches of BATCH, by ascending key, each batch a query of its own."""
    last = None
    while True:
        query = statement if last is None else statement.where(key > last)
        rows = list(session.scalars(query.order_by(key).limit(BATCH)))
        if not rows:
            return
        yield rows
        last = getattr(rows[-1], key.key)


def observations(session: Session, scope: Scope) -> Batches:
    """Rounds checks, observation levels set and ADL support, each as the data in force (voided ones left out)."""
    originals = select(Event).where(
        Event.kind.in_(list(OBSERVED_KINDS)),
        Event.resident_id.in_(scope.resident_ids),
        Event.corrects_uid.is_(None),
        Event.recorded_at <= scope.until,
    )
    if scope.since is not None:
        later = aliased(Event)
        corrected = select(later.corrects_uid).where(later.recorded_at >= scope.since, later.corrects_uid.is_not(None))
        originals = originals.where(or_(Event.recorded_at >= scope.since, Event.uid.in_(corrected)))
    for events in _keyset(session, originals, Event.id):
        corrections = corrections_of(session, [event.uid for event in events])
        found = []
        for event in events:
            data = effective_data(event, corrections.get(event.uid, []))
            if data is None:
                continue
            recorded = Recorded(
                event.id,
                event.uid,
                event.resident_id,
                event.actor_id,
                event.occurred_at,
                data,
                bool(corrections.get(event.uid)),
            )
            found.append(OBSERVED_KINDS[event.kind](recorded, scope.zone))
        yield found
    for batch in _assessments(session, scope):
        yield [care_plans.assessment_observation(row, scope.zone) for row in batch]


def _assessments(session: Session, scope: Scope) -> Iterator[list[Assessment]]:
    rows = select(Assessment).where(
        Assessment.resident_id.in_(scope.resident_ids),
        Assessment.occurred_at <= scope.until,
        _changed(Assessment.uid, scope.since),
    )
    yield from _keyset(session, rows, Assessment.id)


def questionnaire_responses(session: Session, scope: Scope) -> Batches:
    """The answers of each standardized assessment."""
    for batch in _assessments(session, scope):
        yield [care_plans.questionnaire_response(row, scope.zone) for row in batch]


def _plans_in_force(session: Session, scope: Scope) -> list[Plan]:
    """Each resident's plan in force: the latest signed version (stored since `since`, when given)."""
    latest: dict[int, Plan] = {}
    signed = select(Plan).where(Plan.resident_id.in_(scope.resident_ids), Plan.signed_at.is_not(None))
    for plan in session.scalars(signed.order_by(Plan.resident_id, Plan.version)):
        latest[plan.resident_id] = plan
    plans = sorted(latest.values(), key=lambda plan: plan.id)
    if scope.since is not None:
        plans = [plan for plan in plans if plan.signed_at >= scope.since or plan.written_at >= scope.since]
    return plans


def _plan_goal_ids(plan: Plan) -> list[int]:
    return [goal["id"] for goal in (plan.content or {}).get("goals", []) if goal.get("id") is not None]


def care_plans_in_force(session: Session, scope: Scope) -> Batches:
    """The treatment plan in force of each resident, with its goals."""
    yield [care_plans.care_plan(plan, _plan_goal_ids(plan), scope.zone) for plan in _plans_in_force(session, scope)]


def _referrals(session: Session, scope: Scope) -> Iterator[list[Referral]]:
    rows = select(Referral).where(Referral.resident_id.in_(scope.resident_ids))
    if scope.since is not None:
        rows = rows.where(
            or_(
                _changed(Referral.uid, scope.since),
                Referral.sent_at >= scope.since,
                Referral.answered_at >= scope.since,
                Referral.closed_at >= scope.since,
            )
        )
    yield from _keyset(session, rows, Referral.id)


def service_requests(session: Session, scope: Scope) -> Batches:
    """Referrals to community organisations."""
    for batch in _referrals(session, scope):
        names = {
            resource.id: resource.name
            for resource in session.scalars(select(Resource).where(Resource.id.in_({r.resource_id for r in batch})))
        }
        yield [
            care_plans.service_request(r, names.get(r.resource_id, "community organisation"), scope.zone) for r in batch
        ]


def tasks(session: Session, scope: Scope) -> Batches:
    """Where each referral stands."""
    for batch in _referrals(session, scope):
        yield [care_plans.task(r, scope.zone) for r in batch]


def medication_requests(session: Session, scope: Scope) -> Batches:
    """Orders of the residents (a voided order was never an order)."""
    orders = select(MedicationOrder).where(
        MedicationOrder.resident_id.in_(scope.resident_ids),
        MedicationOrder.voided.is_(False),
        _changed(MedicationOrder.uid, scope.since)
        if scope.since is None
        else or_(_changed(MedicationOrder.uid, scope.since), MedicationOrder.stopped_at >= scope.since),
    )
    for rows in _keyset(session, orders, MedicationOrder.id):
        yield [medication.medication_request(order, scope.zone, scope.until) for order in rows]


def medication_administrations(session: Session, scope: Scope) -> Batches:
    """Observed doses in force, each with its order."""
    doses = select(DoseObservation).where(
        DoseObservation.resident_id.in_(scope.resident_ids), _changed(DoseObservation.uid, scope.since)
    )
    for rows in _keyset(session, doses, DoseObservation.id):
        orders = {
            order.id: order
            for order in session.scalars(
                select(MedicationOrder).where(MedicationOrder.id.in_({dose.order_id for dose in rows}))
            )
        }
        yield [medication.medication_administration(dose, orders[dose.order_id], scope.zone) for dose in rows]


def procedures(session: Session, scope: Scope) -> Batches:
    """Restraint and seclusion episodes of the residents."""
    episodes = select(Episode).where(Episode.resident_id.in_(scope.resident_ids))
    if scope.since is not None:
        episodes = episodes.where(
            or_(_changed(Episode.uid, scope.since), Episode.started_at >= scope.since, Episode.ended_at >= scope.since)
        )
    for rows in _keyset(session, episodes, Episode.id):
        yield [records.procedure(episode, scope.zone) for episode in rows]


def adverse_events(session: Session, scope: Scope) -> Batches:
    """Submitted incidents of the units, one AdverseEvent per resident of the scope involved (drafts stay out)."""
    incidents = select(Incident).where(Incident.unit_id.in_(scope.unit_ids), Incident.status != DRAFT)
    if scope.since is not None:
        incidents = incidents.where(or_(_changed(Incident.uid, scope.since), Incident.updated_at >= scope.since))
    residents = set(scope.resident_ids)
    for rows in _keyset(session, incidents, Incident.id):
        yield [
            event
            for incident in rows
            for event in records.adverse_events(incident, scope.zone)
            if int(event["subject"]["reference"].split("/")[1]) in residents
        ]


def goals(session: Session, scope: Scope) -> Batches:
    """Goals in force, from the one goal table: those set from the floor and those of each resident's plan in force."""
    rows = select(Goal).where(
        Goal.resident_id.in_(scope.resident_ids),
        Goal.source == FLOOR,
        Goal.active.is_(True),
        _changed(Goal.uid, scope.since),
    )
    for batch in _keyset(session, rows, Goal.id):
        yield [records.goal(row, scope.zone) for row in batch]
    for plan in _plans_in_force(session, scope):
        wanted = _plan_goal_ids(plan)
        items = session.scalars(select(Goal).where(Goal.id.in_(wanted)).order_by(Goal.id)) if wanted else []
        yield [care_plans.plan_goal(item, plan, scope.zone) for item in items]


def _consents(session: Session, scope: Scope) -> Iterator[list[Consent]]:
    rows = select(Consent).where(
        Consent.resident_id.in_(scope.resident_ids), Consent.voided.is_(False), _changed(Consent.uid, scope.since)
    )
    yield from _keyset(session, rows, Consent.id)


def consents(session: Session, scope: Scope) -> Batches:
    """Consents on file, each permitting one contact."""
    today = scope.until.astimezone(scope.zone).date()
    for batch in _consents(session, scope):
        yield [records.consent(row, scope.zone, today) for row in batch]


def related_persons(session: Session, scope: Scope) -> Batches:
    """The contacts consents name."""
    for batch in _consents(session, scope):
        yield [records.related_person(row) for row in batch]


def _residents(session: Session, scope: Scope) -> Iterator[list[Resident]]:
    yield from _keyset(session, select(Resident).where(Resident.id.in_(scope.resident_ids)), Resident.id)


def patients(session: Session, scope: Scope) -> Batches:
    """The residents."""
    for batch in _residents(session, scope):
        yield [people.patient(resident) for resident in batch]


def _transfers(session: Session, resident_ids: list[int]) -> dict[int, list[tuple[datetime, int]]]:
    """Each resident's transfers in force, oldest first: (when, the unit left)."""
    events = list(
        session.scalars(
            select(Event)
            .where(Event.kind == TRANSFERRED, Event.resident_id.in_(resident_ids), Event.corrects_uid.is_(None))
            .order_by(Event.occurred_at, Event.id)
        )
    )
    corrections = corrections_of(session, [event.uid for event in events])
    found: dict[int, list[tuple[datetime, int]]] = {}
    for event in events:
        data = effective_data(event, corrections.get(event.uid, []))
        if data is not None:
            found.setdefault(event.resident_id, []).append((event.occurred_at, int(data["from_unit_id"])))
    return found


def encounters(session: Session, scope: Scope) -> Batches:
    """Each resident's stay, on each unit in turn."""
    for batch in _residents(session, scope):
        moves = _transfers(session, [resident.id for resident in batch])
        scope.units.update(unit for moved in moves.values() for _at, unit in moved)
        yield [people.encounter(resident, scope.zone, moves.get(resident.id, [])) for resident in batch]


def flags(session: Session, scope: Scope) -> Batches:
    """Each resident's precautions."""
    for batch in _residents(session, scope):
        yield [flag for resident in batch for flag in people.flags(resident, scope.zone)]


def practitioners(session: Session, scope: Scope) -> Batches:
    """The units' staff and anyone else the exported records name."""
    staff = set(session.scalars(select(user_units.c.user_id).where(user_units.c.unit_id.in_(scope.unit_ids))))
    wanted = sorted(staff | scope.practitioners)
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        yield [people.practitioner(user) for user in session.scalars(select(User).where(User.id.in_(chunk)))]


def locations(session: Session, scope: Scope) -> Batches:
    """The units as wards, and any other unit a stay names (where a resident was before a transfer)."""
    wanted = set(scope.unit_ids) | scope.units
    yield [people.location(unit) for unit in session.scalars(select(Unit).where(Unit.id.in_(wanted)).order_by(Unit.id))]


def groups(session: Session, scope: Scope) -> Batches:
    """The units as groups of their residents."""
    members: dict[int, list[int]] = {}
    for resident_id, unit_id in session.execute(
        select(Resident.id, Resident.unit_id).where(Resident.id.in_(scope.resident_ids))
    ):
        members.setdefault(unit_id, []).append(resident_id)
    units = session.scalars(select(Unit).where(Unit.id.in_(scope.unit_ids)).order_by(Unit.id))
    yield [people.group(unit, members.get(unit.id, [])) for unit in units]


# Each type and its reader, in the order an export writes them: the records first, so that the staff they name
# are known when the practitioners are written.
READERS: dict[str, Callable[[Session, Scope], Batches]] = {
    "Observation": observations,
    "MedicationRequest": medication_requests,
    "MedicationAdministration": medication_administrations,
    "Procedure": procedures,
    "AdverseEvent": adverse_events,
    "QuestionnaireResponse": questionnaire_responses,
    "Goal": goals,
    "CarePlan": care_plans_in_force,
    "ServiceRequest": service_requests,
    "Task": tasks,
    "Consent": consents,
    "RelatedPerson": related_persons,
    "Flag": flags,
    "Encounter": encounters,
    "Patient": patients,
    "Practitioner": practitioners,
    "Location": locations,
    "Group": groups,
}
