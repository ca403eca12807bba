"""The case manager's pages: the caseload (what needs doing first) and one resident's case."""

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from facility import clock
from facility.casework import caseload
from facility.casework.codes import OUTCOMES, RATINGS
from facility.errors import DomainError
from facility.extensions import db
from facility.http import commit_read
from facility.permissions import may, permits
from facility.timeutil import facility_zone, local_when

bp = Blueprint("casework_pages", __name__)

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
        ratings=RATINGS,
        when=lambda value: local_when(value, zone),
    )
