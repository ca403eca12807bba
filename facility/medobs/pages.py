"""The medication pages: the med-pass tablet page and the printable monthly record (MOR)."""

from flask import Blueprint, abort, render_template, request
from flask_login import current_user
from marshmallow import EXCLUDE, ValidationError

from facility import clock
from facility.errors import DomainError
from facility.extensions import db
from facility.http import actor, commit_read
from facility.medobs import medpass
from facility.medobs.schemas import MorQuery
from facility.permissions import permits

bp = Blueprint("medobs_pages", __name__)


@bp.route("/units/<int:unit_id>/med-pass")
@permits("medications.read")
def med_pass_page(unit_id: int):
    """The tablet's med pass: doses due now first, an observation in two taps."""
    if unit_id not in current_user.unit_ids:
        abort(404)
    return render_template("medobs/med_pass.html", unit_id=unit_id)


@bp.route("/residents/<int:resident_id>/mor")
@permits("medications.read")
def mor_page(resident_id: int):
    """One resident's month of medication observations, printable on A4 or Letter."""
    try:
        query = MorQuery(unknown=EXCLUDE).load(request.args)
    except ValidationError:
        abort(400)
    try:
        record = medpass.mor(db.session, actor(), resident_id, query["month"], clock.now())
    except DomainError as refused:
        abort(404 if refused.status in (403, 404) else 400)
    commit_read(db.session)  # the audit row of the read
    return render_template("medobs/mor.html", **record)
