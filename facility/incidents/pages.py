"""The incident pages: the tablet form, a unit's reports, one report with its timeline, an episode's clocks."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_login import current_user

from facility import clock
from facility.census import services as census
from facility.census.staff import unit_staff
from facility.errors import DomainError
from facility.extensions import db
from facility.http import actor, commit_read
from facility.incidents import episodes, hbips_report, services
from facility.incidents.codes import (
    CATEGORIES,
    EPISODE_KINDS,
    INTERVENTIONS,
    MANDATED_CATEGORIES,
    MANDATED_METHODS,
    MONITORING_CHECKS,
    MONITORING_STATES,
    NOTIFIED,
    NOTIFY_METHODS,
    RESTRICTIVE,
    SEVERITIES,
    STATUSES,
)
from facility.permissions import may, permits
from facility.records.audit import record_access
from facility.timeutil import facility_zone

bp = Blueprint("incidents_pages", __name__)

# Places offered as one tap on the form; anything else is typed.
LOCATIONS = ["dayroom", "hallway", "own_room", "dining", "bathroom", "group_room", "courtyard", "nursing_station"]


def unit_of_caller(unit_id: int | None):
    """One of the caller's units (the first when none is asked for); 404 for anyone else's."""
    units = {unit.id: unit for unit in current_user.units}
    if unit_id is None and units:
        return units[min(units)]
    if unit_id not in units:
        abort(404)
    return units[unit_id]


@bp.route("/incidents/new")
@permits("incidents.file")
def new_incident_page():
    """The incident form, filled on the tablet after a crisis; kept on the tablet as it is typed."""
    unit = unit_of_caller(request.args.get("unit_id", type=int))
    residents = census.list_residents(db.session, actor(), unit.id)
    staff = unit_staff(db.session, actor(), unit.id)
    commit_read(db.session)  # the audit row of the read
    return render_template(
        "incidents/new.html",
        unit=unit,
        residents=residents,
        staff=staff,
        categories=CATEGORIES,
        severities=SEVERITIES,
        ladder=INTERVENTIONS,
        restrictive=RESTRICTIVE,
        locations=LOCATIONS,
        notified=NOTIFIED,
        notify_methods=NOTIFY_METHODS,
        now=clock.now(),
    )


def local(moment: datetime | str | None, fmt: str = "%a %d %b %H:%M") -> str:
    """A moment as staff read it: the facility's zone, 24-hour."""
    if moment is None:
        return ""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.astimezone(facility_zone()).strftime(fmt)


def _or_404(read, *args):
    """A service's answer, or the page's refusal: another unit's record is 'not here'."""
    try:
        return read(db.session, actor(), *args)
    except DomainError as refused:
        abort(refused.status if refused.status in (403, 404) else 400)


@bp.route("/incidents")
@permits("incidents.read")
def incidents_page():
    """A unit's reports, newest first, by status when asked."""
    unit = unit_of_caller(request.args.get("unit_id", type=int))
    status = request.args.get("status") if request.args.get("status") in STATUSES else None
    page = _or_404(services.list_incidents, {"unit_id": unit.id, "status": status, "limit": 1000})
    commit_read(db.session)  # the audit row of the read
    return render_template(
        "incidents/list.html",
        unit=unit,
        status=status,
        statuses=STATUSES,
        incidents=list(reversed(page["items"])),
        local=local,
    )


def timeline(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The report's story in time order: each workflow step, addendum and episode start, face-to-face and end."""
    entries = (
        [{"at": report["occurred_at"], "what": "occurred", "by": None, "text": report["location"]}]
        if report["occurred_at"]
        else []
    )
    entries += [{"at": s["at"], "what": s["status"], "by": s["by"], "text": s["note"]} for s in report["history"]]
    entries += [{"at": a["at"], "what": "addendum", "by": a["author"], "text": a["text"]} for a in report["addenda"]]
    for e in report["episodes"]:
        about = f"{e['kind'].replace('_', ' ')} of {e['display_name']}"
        order = f"ordered by {e['orders'][0]['ordered_by']}" if e["orders"] else "no order entered yet"
        entries.append(
            {
                "at": e["started_at"],
                "what": "episode opened from the report" if e["opened_from_report"] else "episode started",
                "by": e["started_by"],
                "episode": e["id"],
                "text": f"{about}, {order}" + (" — to complete" if e["to_complete"] else ""),
            }
        )
        if e["face_to_face_at"]:
            entries.append(
                {
                    "at": e["face_to_face_at"],
                    "what": "face-to-face",
                    "by": e["face_to_face_by"],
                    "episode": e["id"],
                    "text": f"{about}: {e['face_to_face_findings']}",
                }
            )
        if e["ended_at"]:
            entries.append(
                {
                    "at": e["ended_at"],
                    "what": "episode ended",
                    "by": e["ended_by"],
                    "episode": e["id"],
                    "text": f"{about} after {e['minutes']} min" + (f": {e['end_note']}" if e["end_note"] else ""),
                }
            )
    return sorted(entries, key=lambda entry: entry["at"])


@bp.route("/incidents/<int:incident_id>")
@permits("incidents.read")
def incident_page(incident_id: int):
    """One report: its fields, its timeline, addenda, and the step the reader's role may take next."""
    report = _or_404(services.read_incident, incident_id, clock.now())
    commit_read(db.session)  # the audit row of the read
    user, status = current_user, report["status"]
    mine = report["author_id"] == user.id
    steps = {
        "submit": status == "draft" and (mine or may(user, "incidents.submit.others")),
        "review": status == "submitted" and may(user, "incidents.review"),
        "close": status == "reviewed" and may(user, "incidents.close"),
        "addendum": status != "draft",
        "episode": status in ("submitted", "reviewed") and may(user, "episodes.start"),
        "mandated": status != "draft" and may(user, "incidents.mandated_report.file"),
    }
    staff_names = {person.id: person.name for person in unit_staff(db.session, actor(), report["unit_id"])}
    return render_template(
        "incidents/incident.html",
        report=report,
        timeline=timeline(report),
        may=steps,
        local=local,
        episode_kinds=EPISODE_KINDS,
        staff_names=staff_names,
        now=clock.now(),
        restrictive=RESTRICTIVE,
        mandated_categories=MANDATED_CATEGORIES,
        mandated_methods=MANDATED_METHODS,
        mandated_hours=current_app.config["MANDATED_REPORT_HOURS"],
    )


@bp.route("/episodes/<int:episode_id>")
@permits("incidents.read")
def episode_page(episode_id: int):
    """A restraint or seclusion episode with its clocks counting down and its documentation."""
    episode = _or_404(episodes.read_episode, episode_id, clock.now())
    commit_read(db.session)  # the audit row of the read
    return render_template(
        "incidents/episode.html",
        episode=episode,
        local=local,
        states=MONITORING_STATES,
        checks=MONITORING_CHECKS,
        nurse=may(current_user, "episodes.order"),
    )


def month_ranges(now: datetime, zone: ZoneInfo, count: int = 12) -> list[tuple[datetime, datetime, bool]]:
    """The last `count` months, oldest first: [first-of-month local midnight, next month), the current one up to now."""
    here = now.astimezone(zone)
    ranges = []
    for back in range(count - 1, -1, -1):
        year, month = divmod(here.year * 12 + here.month - 1 - back, 12)
        after_year, after_month = divmod(year * 12 + month + 1, 12)
        start = datetime(year, month + 1, 1, tzinfo=zone)
        end = datetime(after_year, after_month + 1, 1, tzinfo=zone)
        ranges.append((start, min(end, now), end > now))
    return ranges


def monthly_hbips(units: list, now: datetime, zone: ZoneInfo) -> list[dict[str, Any]]:
    """HBIPS figures of each of the last 12 months, through the backend's computation, with the range of each."""
    rows = []
    for start, end, so_far in month_ranges(now, zone):
        figures = hbips_report.report_for(db.session, units, start.astimezone(UTC), end.astimezone(UTC))
        rows.append(
            {
                **figures,
                "label": start.strftime("%b %Y"),
                "short": start.strftime("%b"),
                "so_far": so_far,
                "from": start.isoformat(),
                "to": end.isoformat(),
            }
        )
    return rows


CHART_HEIGHT, CHART_SLOT, CHART_BAR, CHART_LEFT = 160, 54, 20, 44


def chart(months: list[dict[str, Any]]) -> dict[str, Any]:
    """Geometry of a grouped bar chart of both rates per month, drawn as inline SVG by the template."""
    top = max([m["hbips2_rate"] or 0 for m in months] + [m["hbips3_rate"] or 0 for m in months]) or 1.0
    bars = []
    for n, m in enumerate(months):
        for k, (key, cls) in enumerate((("hbips2_rate", "restraint"), ("hbips3_rate", "seclusion"))):
            height = round((m[key] or 0) / top * CHART_HEIGHT, 1)
            bars.append(
                {
                    "x": CHART_LEFT + n * CHART_SLOT + 6 + k * CHART_BAR,
                    "y": 10 + CHART_HEIGHT - height,
                    "height": height,
                    "cls": cls,
                    "value": m[key],
                    "month": m["label"],
                }
            )
    labels = [{"x": CHART_LEFT + n * CHART_SLOT + 6 + CHART_BAR, "text": m["short"]} for n, m in enumerate(months)]
    return {
        "bars": bars,
        "labels": labels,
        "top": top,
        "width": CHART_LEFT + len(months) * CHART_SLOT + 10,
        "height": CHART_HEIGHT + 40,
        "base": CHART_HEIGHT + 10,
        "bar": CHART_BAR,
        "left": CHART_LEFT,
    }


@bp.route("/reports/hbips")
@permits("reports.hbips")
def hbips_report_page():
    """HBIPS-2 and HBIPS-3 of a unit, or of all the lead's units (`?unit_id=all`), month by month over the last 12
    months, as a table and a chart, with the last complete month by age stratum and each month as CSV (leads)."""
    every = request.args.get("unit_id") == "all"
    units = (
        sorted(current_user.units, key=lambda u: u.id)
        if every
        else [unit_of_caller(request.args.get("unit_id", type=int))]
    )
    months = monthly_hbips(units, clock.now(), facility_zone())
    for month in months:
        scope = {} if every else {"unit_id": units[0].id}
        month["csv"] = url_for(
            "incidents.hbips_report", format="csv", **scope, **{"from": month["from"], "to": month["to"]}
        )
    target = "units:" + ",".join(str(u.id) for u in units) if every else f"unit:{units[0].id}"
    record_access(db.session, current_user.id, "read:hbips", target=target)
    commit_read(db.session)  # the audit row of the read
    return render_template(
        "incidents/hbips.html",
        units=units,
        every=every,
        months=months,
        strata_month=months[-2],
        chart=chart(months),
    )
