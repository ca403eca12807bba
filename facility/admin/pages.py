"""The admin pages: units and staff accounts, systems' API tokens (through the admin API from static/js/), and
the records check."""

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session

from facility.alerts.models import Alert
from facility.alerts.rules import PROJECTION_MISMATCH
from facility.auth.tokens import SCOPES
from facility.extensions import db
from facility.permissions import ROLE_NAMES, permits
from facility.timeutil import facility_zone, local_when

bp = Blueprint("admin_pages", __name__)


def open_mismatches(session: Session) -> list[Alert]:
    """The open projection_mismatch alerts of the nightly records check (facility.integrity raises them)."""
    return list(
        session.scalars(
            select(Alert).where(Alert.kind == PROJECTION_MISMATCH, Alert.resolved_at.is_(None)).order_by(Alert.id)
        )
    )


@bp.route("/admin")
@permits("admin.users.manage")
def admin_page():
    """The administrator's page: units and staff accounts, and whether the stored tables still match the record."""
    zone = facility_zone()
    mismatch = next(iter(open_mismatches(db.session)), None)
    return render_template(
        "admin/admin.html", mismatch=mismatch, roles=ROLE_NAMES, when=lambda value: local_when(value, zone)
    )


@bp.route("/admin/tokens")
@permits("admin.tokens.manage")
def tokens_page():
    """Systems' API tokens: made for some of the admin's units and scopes, shown once, revoked with one tap."""
    units = sorted(current_user.units, key=lambda unit: unit.id)
    return render_template("admin/tokens.html", units=units, scopes=SCOPES)
