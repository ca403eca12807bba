"""The case manager's pages: the caseload (what needs doing first) and one resident's case."""

from datetime import date, time, timedelta

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from facility import clock
from facility.casework import caseload, discharge
from facility.casework.codes import FOLLOW_UP_KINDS, OUTCOMES, RATINGS
from facility.casework.schemas import ChecklistIn
from facility.census.scope import unit_for
from facility.errors import DomainError
from facility.extensions import db
from facility.http import commit_read
from facility.permissions import may, permits
from facility.timeutil import facility_zone, local_to_utc, local_when

bp = Blueprint("casework_pages", __name__)

# The discharge checklist's items, in the order the plan's form asks them.
CHECKLIST = list(ChecklistIn().fields)

# What each step is called on its button.
STEP_LABELS = {
    "sent": "Mark sent",
    "accepted": "Accepted",
    "waitlisted": "Waitlisted",
    "declined": "Declined",
    "canceled": "Cancel referral",
    "completed": "Completed",
}


@bp.route("/casework")
@permits("casework.caseload.read")
def caseload_page():
    """The caseload: each resident's unmet needs, last contact, next needs review and open referrals."""
    now = clock.now()
    zone = facility_zone()
    whose = request.args.get("user_id", type=int)
    entries = caseload.caseload(db.session, current_user._get_current_object(), whose, now)
    commit_read(db.session)
    return render_template(
        "casework/caseload.html", entries=entries, now=now, when=lambda value: local_when(value, zone)
    )


@bp.route("/residents/<int:resident_id>/case")
@permits("casework.read")
def case_page(resident_id: int):
    """A resident's case: needs by resident and by staff side by side, referrals with their steps and next steps."""
    now = clock.now()
    zone = facility_zone()
    try:
        case = caseload.case_of(db.session, current_user._get_current_object(), resident_id, now)
    except DomainError:
        abort(404)
    commit_read(db.session)
    return render_template(
        "casework/case.html",
        **case,
        now=now,
        outcomes=OUTCOMES,
        step_labels=STEP_LABELS,
        may_step=may(current_user, "casework.referral.write"),
        may_assess=may(current_user, "casework.needs.assess"),
        may_book=may(current_user, "casework.appointment.book"),
        may_plan=may(current_user, "casework.discharge.plan"),
        may_follow_up=may(current_user, "casework.follow_up.record"),
        checklist_items=CHECKLIST,
        follow_up_kinds=FOLLOW_UP_KINDS,
        local_input=lambda value: value.astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
        ratings=RATINGS,
        when=lambda value: local_when(value, zone),
    )


@bp.route("/units/<int:unit_id>/reports/transitions")
@permits("reports.transitions")
def transitions_page(unit_id: int):
    """The transitions report of a unit over local days (default: the last 30): aftercare, follow-up, referrals."""
    zone = facility_zone()
    today = clock.now().astimezone(zone).date()
    asked = {name: request.args.get(name, "") for name in ("from", "to")}
    try:
        last = date.fromisoformat(asked["to"]) if asked["to"] else today
    except ValueError:
        return _range_refused(unit_id, asked, "To is not a day: choose one in the calendar.")
    try:
        first = date.fromisoformat(asked["from"]) if asked["from"] else last - timedelta(days=29)
    except ValueError:
        return _range_refused(unit_id, asked, "From is not a day: choose one in the calendar.")
    if first > last:
        return _range_refused(unit_id, asked, "From comes after To: choose a From on or before To.")
    query = {
        "unit_id": unit_id,
        "from_": local_to_utc(first, time(0), zone),
        "to": local_to_utc(last + timedelta(days=1), time(0), zone),
    }
    try:
        figures = discharge.transitions_report(db.session, current_user._get_current_object(), query)
    except DomainError:
        abort(404)
    commit_read(db.session)
    shown = {"from": first.isoformat(), "to": last.isoformat()}
    return render_template(
        "casework/transitions.html", figures=figures, first=first, last=last, asked=shown, unit_id=unit_id
    )


def _range_refused(unit_id: int, asked: dict[str, str], why: str):
    """The report's form again with the days as typed and what is wrong with them (400): no figures for a bad range."""
    try:
        unit_for(db.session, current_user._get_current_object(), unit_id)
    except DomainError:
        abort(404)
    commit_read(db.session)
    return render_template("casework/transitions.html", figures=None, asked=asked, unit_id=unit_id, refused=why), 400
