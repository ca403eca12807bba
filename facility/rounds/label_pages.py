"""The presence-code labels of a unit, printable, with the unit's scan policy beside them (admin, lead)."""

from __future__ import annotations

import segno
from flask import abort, render_template
from markupsafe import Markup

from facility.census.levels import LEVEL_CODES
from facility.census.scope import unit_for
from facility.errors import DomainError
from facility.extensions import db
from facility.http import actor, commit_read
from facility.permissions import permits
from facility.rounds import presence
from facility.rounds.models import WRISTBAND
from facility.rounds.pages import bp


def qr_svg(token: str) -> Markup:
    """The token as an inline SVG QR code: medium error correction, so a scuffed label still reads. Drawn in a
    viewBox without a fixed size, so the label's CSS scales the whole symbol (quiet zone included) rather than
    cutting it at the box's edge."""
    return Markup(segno.make_qr(token, error="m").svg_inline(scale=5, border=4, title="presence code", omitsize=True))


@bp.route("/units/<int:unit_id>/presence-codes")
@permits("rounds.presence_codes.read")
def labels_page(unit_id: int):
    """A sheet of labels: one per occupied room, one wristband per resident; rotate a lost one (admin)."""
    try:
        codes = presence.unit_codes(db.session, actor(), unit_id)
        unit = unit_for(db.session, actor(), unit_id)
        residents = {r.id: r for r in presence.active_residents(db.session, unit_id)}
        labels = [
            {
                "token": c.token,
                "kind": c.kind,
                "room": c.room,
                "qr": qr_svg(c.token),
                "who": residents[c.resident_id].display_name if c.kind == WRISTBAND else None,
            }
            for c in codes
        ]
        commit_read(db.session)  # the audit row of the read
    except DomainError as refused:
        abort(refused.status if refused.status in (403, 404) else 400)
    return render_template("rounds/labels.html", unit_id=unit_id, labels=labels, unit=unit, levels=LEVEL_CODES)
