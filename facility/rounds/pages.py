"""The rounds pages: the tablet board of a unit, and its compliance report."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, render_template, request
from flask_login import current_user
from marshmallow import ValidationError

from facility import clock
from facility.errors import DomainError
from facility.extensions import db
from facility.http import actor, commit_read
from facility.permissions import may, permits
from facility.rounds import services
from facility.rounds.schemas import ReportQuery
from facility.timeutil import facility_zone

bp = Blueprint("rounds_pages", __name__)


def _unit_page(template: str, unit_id: int, **context):
    """A page of one of the user's units (404 for any other unit)."""
    if unit_id not in current_user.unit_ids:
        abort(404)
    return render_template(template, unit_id=unit_id, **context)


@bp.route("/units/<int:unit_id>/rounds")
@permits("rounds.read")
def rounds_page(unit_id: int):
    """The tablet board of a unit."""
    return _unit_page("rounds/rounds.html", unit_id)


@bp.route("/units/<int:unit_id>/assignments")
@permits("rounds.read")
def assignments_page(unit_id: int):
    """Who has which residents this shift: a lead assigns them, a worker takes or releases their own."""
    return _unit_page("rounds/assignments.html", unit_id, lead=may(current_user, "rounds.assignments.plan"))


def _local(text: str | None, zone: ZoneInfo, default: datetime) -> datetime:
    """A datetime-local field read in the facility's zone; the default when empty or unreadable."""
    try:
        return datetime.fromisoformat(text).replace(tzinfo=zone) if text else default
    except ValueError:
        return default


@bp.route("/reports/rounds")
@permits("reports.rounds")
def rounds_report_page():
    """Rounds compliance per shift and resident, over a range the reader picks (default: the last day)."""
    zone = facility_zone()
    now = clock.now().astimezone(zone).replace(second=0, microsecond=0)
    start = _local(request.args.get("from_local"), zone, now - timedelta(days=1))
    end = _local(request.args.get("to_local"), zone, now)
    report, error = None, None
    try:
        query = ReportQuery().load(
            {"unit_id": request.args.get("unit_id", ""), "from": start.isoformat(), "to": end.isoformat()}
        )
        report = services.compliance_report(db.session, actor(), query, clock.now())
    except ValidationError as invalid:
        if "unit_id" in invalid.messages:
            abort(404)
        error = "; ".join(f"{field}: {' '.join(map(str, m))}" for field, m in invalid.messages.items())
    except DomainError as refused:
        abort(refused.status if refused.status in (403, 404) else 400)
    unit = next((u for u in current_user.units if report and u.id == report["unit_id"]), None) or next(
        u for u in current_user.units if str(u.id) == request.args.get("unit_id")
    )
    commit_read(db.session)  # the audit row of the read
    shifts = (report or {}).get("shifts", [])
    chart = [(shift["label"], shift["percent_on_time"]) for shift in shifts]
    validated_chart = [(shift["label"], shift["validated_pct"]) for shift in shifts]
    return render_template(
        "rounds/report.html",
        unit=unit,
        report=report,
        error=error,
        chart=chart,
        validated_chart=validated_chart,
        from_local=start.strftime("%Y-%m-%dT%H:%M"),
        to_local=end.strftime("%Y-%m-%dT%H:%M"),
    )
