"""Handoff pages for leads: the list per unit and the printable handoff."""

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user

from facility import clock
from facility.auth.models import User
from facility.domain import registry
from facility.errors import DomainError
from facility.extensions import db
from facility.handoff import services
from facility.http import actor, commit_read
from facility.permissions import permits
from facility.timeutil import facility_zone

bp = Blueprint("handoff_pages", __name__)


@bp.route("/handoffs")
@permits("handoff.read")
def handoffs_page():
    """Each of the caller's units with its handoffs, newest first."""
    units = []
    for unit in current_user.units:
        page = services.list_handoffs(db.session, actor(), {"unit_id": unit.id, "limit": 30})
        units.append((unit, page["items"]))
    return render_template("handoff/list.html", units=units)


@bp.route("/handoffs/<int:handoff_id>")
@permits("handoff.read")
def handoff_page(handoff_id: int):
    """One handoff, readable in five minutes and printable."""
    try:
        handoff = services.get(db.session, actor(), handoff_id)
    except DomainError:
        abort(404)
    commit_read(db.session)  # the audit row of the read
    acknowledged_by = db.session.get(User, handoff.acknowledged_by_id) if handoff.acknowledged_by_id else None
    acknowledged_local = (
        handoff.acknowledged_at.astimezone(facility_zone()).strftime("%a %d %b %H:%M")
        if handoff.acknowledged_at
        else None
    )
    # A section appears when the handoff holds it: older handoffs lack the sections of later domains.
    sections = [
        section for section in registry().handoff_sections if section.template and section.name in handoff.summary
    ]
    return render_template(
        "handoff/handoff.html",
        handoff=handoff,
        s=handoff.summary,
        acknowledged_by=acknowledged_by,
        acknowledged_local=acknowledged_local,
        sections=sections,
    )


@bp.route("/handoffs/<int:handoff_id>/ack", methods=["POST"])
@permits("handoff.acknowledge")
def handoff_ack_form(handoff_id: int):
    """The incoming lead acknowledges from the page."""
    try:
        services.acknowledge(db.session, actor(), handoff_id, request.form.get("note") or None, clock.now())
        db.session.commit()
    except DomainError as refused:
        if refused.status in (403, 404):
            abort(refused.status)
    return redirect(url_for("handoff_pages.handoff_page", handoff_id=handoff_id))
