"""The clinician's pages: the caseload, an instrument given on the tablet (its answers go to the API), the plan."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from facility import clock
from facility.census.scope import resident_for
from facility.clinical import caseload as caseloads
from facility.clinical import plans
from facility.clinical.codes import MODALITIES, PARTICIPATION, PLAN_MODALITIES, REVIEW_DAYS, RISK_LEVELS, SESSION_KINDS
from facility.clinical.instruments import catalogue
from facility.errors import DomainError
from facility.extensions import db
from facility.http import commit_read
from facility.permissions import ROLE_NAMES, may, permits
from facility.records.audit import record_access
from facility.timeutil import facility_zone, local_when
from facility.words import say

bp = Blueprint("clinical_pages", __name__)


@bp.route("/clinical")
@permits(
    "clinical.caseload",
    refused=(
        "The caseload is a clinician's page",
        "Assessments, scores and safety screens of your residents are on each resident's page.",
    ),
)
def caseload_page():
    """The clinician's caseload: residents of their units, latest PHQ-9 and GAD-7 with a trend, open safety
    screens first."""
    reader = current_user._get_current_object()
    lines = caseloads.caseload(db.session, reader, clock.now())
    to_sign = caseloads.notes_to_sign(db.session, reader)
    commit_read(db.session)
    zone = facility_zone()
    tops = {code: int(i.scoring.get("max", 0)) for code, i in catalogue().items()}
    return render_template(
        "clinical/caseload.html", lines=lines, to_sign=to_sign, tops=tops, when=lambda value: local_when(value, zone)
    )


@bp.route("/residents/<int:resident_id>/assessments/new")
@permits("clinical.assessment.record")
def assessment_form(resident_id: int):
    """An instrument on the tablet, every item on one screen: the resident may fill it in themselves."""
    try:
        resident = resident_for(db.session, current_user._get_current_object(), resident_id, active=True)
    except DomainError:
        abort(404)
    instruments = catalogue()
    chosen = instruments.get(request.args.get("instrument", "phq9"))
    if chosen is None:
        abort(404)
    commit_read(db.session)
    return render_template(
        "clinical/assess.html",
        resident=resident,
        instrument=chosen,
        others=[i for code, i in sorted(instruments.items()) if code != chosen.code],
        now=clock.now().isoformat(),
    )


@bp.route("/residents/<int:resident_id>/plan")
@permits("clinical.plan.read")
def plan_page(resident_id: int):
    """The resident's treatment plan in force, printable with its signature block (else the latest draft, marked)."""
    reader = current_user._get_current_object()
    try:
        resident = resident_for(db.session, reader, resident_id)
    except DomainError:
        abort(404)
    record_access(db.session, reader.id, "read:plan", target=f"resident:{resident.id}", resident_id=resident.id)
    current = plans.in_force(db.session, resident.id)
    newest = plans.latest(db.session, resident.id)
    writes = may(reader, plans.WRITE)
    # The clinician's own draft, newer than the plan in force, is what they came to sign; others read what is in force.
    own_draft = writes and newest is not None and newest.signed_at is None and newest.author_id == reader.id
    plan = newest if own_draft else (current or newest)
    shown = plans.plan_view(db.session, plan) if plan is not None else None
    commit_read(db.session)
    zone = facility_zone()
    return render_template(
        "clinical/plan.html",
        resident=resident,
        plan=shown,
        may_sign=bool(own_draft),
        replaces=current.version if own_draft and current is not None else None,
        participations=PARTICIPATION,
        may_write=writes and resident.discharged_at is None,  # the form is for a resident in care
        when=lambda value: local_when(value, zone),
    )


@bp.route("/residents/<int:resident_id>/plan/new")
@permits("clinical.plan.write")
def plan_form(resident_id: int):
    """A new version, written whole on the tablet: it starts from the plan in force (else empty) and is a draft."""
    try:
        resident = resident_for(db.session, current_user._get_current_object(), resident_id, active=True)
    except DomainError:
        abort(404)
    current = plans.in_force(db.session, resident.id)
    commit_read(db.session)
    content = current.content if current is not None else {}
    drop = {"id"}  # the lasting ids are the server's; the keys say which goal or objective is kept
    start = {
        part: [{k: v for k, v in item.items() if k not in drop} for item in content.get(part) or []]
        for part in ("problems", "goals", "objectives", "interventions")
    }
    start["review_days"] = current.review_days if current is not None else REVIEW_DAYS
    return render_template(
        "clinical/plan_new.html",
        resident=resident,
        start=start,
        from_version=current.version if current is not None else None,
        choices={
            "modality": [[code, say(code)] for code in PLAN_MODALITIES],
            "responsible_role": [[code, say(code)] for code in ROLE_NAMES],
        },
    )


@bp.route("/residents/<int:resident_id>/sessions/new")
@permits("clinical.session.write")
def session_form(resident_id: int):
    """A session note for one resident: the DAP summary and risk for the record, the process note apart."""
    try:
        resident = resident_for(db.session, current_user._get_current_object(), resident_id, active=True)
    except DomainError:
        abort(404)
    plan = plans.in_force(db.session, resident.id)
    commit_read(db.session)
    return render_template(
        "clinical/session.html",
        resident=resident,
        objectives=plan.content.get("objectives", []) if plan else [],
        kinds=SESSION_KINDS,
        modalities=MODALITIES,
        risks=RISK_LEVELS,
        now=clock.now().isoformat(),
    )
