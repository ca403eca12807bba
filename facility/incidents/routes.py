"""Incident endpoints: reports and their workflow, addenda, episodes and their clocks, the HBIPS report."""

from flask import Response

from facility import clock
from facility.extensions import db
from facility.http import REPLAYED, actor, committed, created
from facility.incidents import blp, episodes, hbips, services
from facility.incidents import hbips_report as hbips_read
from facility.incidents.schemas import (
    AddendumIn,
    DraftEditIn,
    EndIn,
    EpisodeIn,
    FaceToFaceIn,
    HbipsQuery,
    IncidentIn,
    IncidentQuery,
    MandatedReportIn,
    MonitoringIn,
    RenewalIn,
    StepIn,
)
from facility.incidents.schemas.answers import (
    AddendumOut,
    EpisodeOut,
    HbipsOut,
    IncidentOut,
    IncidentPageOut,
    MandatedReportOut,
)
from facility.incidents.views import episode_view, incident_view
from facility.permissions import permits


def _incident(result):
    incident, is_new = result
    return created((incident_view(db.session, incident, clock.now()), is_new))


def _episode(result):
    episode, is_new = result
    return created((episode_view(db.session, episode, clock.now()), is_new))


@blp.route("/incidents", methods=["POST"])
@permits("incidents.file")
@blp.arguments(IncidentIn)
@blp.response(201, IncidentOut)
@blp.alt_response(200, schema=IncidentOut, success=True, description=REPLAYED)
@committed
def file_incident(body):
    """File a report (worker, nurse, lead): submitted at once by default, or `status: draft` to finish later."""
    return _incident(services.file_incident(db.session, actor(), body, clock.now()))


@blp.route("/incidents", methods=["GET"])
@permits("incidents.read")
@blp.arguments(IncidentQuery, location="query")
@blp.response(200, IncidentPageOut)
@committed
def list_incidents(query):
    """A unit's reports, by status when asked, ordered by id and paged by after_id."""
    return services.list_incidents(db.session, actor(), query)


@blp.route("/incidents/<int:incident_id>", methods=["GET"])
@permits("incidents.read")
@blp.response(200, IncidentOut)
@committed
def read_incident(incident_id):
    """One report with its status history (who, when), addenda and episodes with their clocks."""
    return services.read_incident(db.session, actor(), incident_id, clock.now())


@blp.route("/incidents/<int:incident_id>", methods=["PATCH"])
@permits("incidents.draft.edit")
@blp.arguments(DraftEditIn)
@blp.response(200, IncidentOut)
@committed
def edit_draft(body, incident_id):
    """Change fields of a draft (its author only; only the fields sent change, each edit with its own uid).

    A submitted report never changes: any change is 409; add an addendum instead.
    """
    incident, _is_new = services.edit_draft(db.session, actor(), incident_id, body, clock.now())
    return incident_view(db.session, incident, clock.now())


def _step(step, body, incident_id):
    incident, _is_new = step(db.session, actor(), incident_id, body, clock.now())
    return incident_view(db.session, incident, clock.now())


@blp.route("/incidents/<int:incident_id>/submit", methods=["POST"])
@permits("incidents.submit")
@blp.arguments(StepIn)
@blp.response(200, IncidentOut)
@committed
def submit(body, incident_id):
    """Submit a draft (its author, a nurse, a lead): 422 naming what is missing; 409 unless it is a draft."""
    return _step(services.submit, body, incident_id)


@blp.route("/incidents/<int:incident_id>/review", methods=["POST"])
@permits("incidents.review")
@blp.arguments(StepIn)
@blp.response(200, IncidentOut)
@committed
def review(body, incident_id):
    """Mark a submitted report reviewed (nurse, lead); 409 unless it is submitted."""
    return _step(services.review, body, incident_id)


@blp.route("/incidents/<int:incident_id>/close", methods=["POST"])
@permits("incidents.close")
@blp.arguments(StepIn)
@blp.response(200, IncidentOut)
@committed
def close(body, incident_id):
    """Close a reviewed report after the debrief (lead); 409 unless reviewed, or while an episode runs."""
    return _step(services.close, body, incident_id)


@blp.route("/incidents/<int:incident_id>/addenda", methods=["POST"])
@permits("incidents.addendum.add")
@blp.arguments(AddendumIn)
@blp.response(201, AddendumOut)
@blp.alt_response(200, schema=AddendumOut, success=True, description=REPLAYED)
@committed
def add_addendum(body, incident_id):
    """Add a later word to a submitted report (anyone of the unit); the report itself stays as submitted."""
    return created(services.add_addendum(db.session, actor(), incident_id, body, clock.now()))


@blp.route("/incidents/<int:incident_id>/episodes", methods=["POST"])
@permits("episodes.start")
@blp.arguments(EpisodeIn)
@blp.response(201, EpisodeOut)
@blp.alt_response(200, schema=EpisodeOut, success=True, description=REPLAYED)
@committed
def start_episode(body, incident_id):
    """Start a restraint or seclusion episode of one of the incident's residents (nurse, lead)."""
    return _episode(episodes.start_episode(db.session, actor(), incident_id, body, clock.now()))


@blp.route("/episodes/<int:episode_id>", methods=["GET"])
@permits("incidents.read")
@blp.response(200, EpisodeOut)
@committed
def read_episode(episode_id):
    """An episode with its orders, monitoring and clocks."""
    return episodes.read_episode(db.session, actor(), episode_id, clock.now())


@blp.route("/episodes/<int:episode_id>/monitoring", methods=["POST"])
@permits("episodes.monitor")
@blp.arguments(MonitoringIn)
@blp.response(201, EpisodeOut)
@blp.alt_response(200, schema=EpisodeOut, success=True, description=REPLAYED)
@committed
def monitor(body, episode_id):
    """Document a monitoring check (worker, nurse, lead); due at least every 15 minutes."""
    return _episode(episodes.monitor(db.session, actor(), episode_id, body, clock.now()))


@blp.route("/episodes/<int:episode_id>/face-to-face", methods=["POST"])
@permits("episodes.order")
@blp.arguments(FaceToFaceIn)
@blp.response(201, EpisodeOut)
@blp.alt_response(200, schema=EpisodeOut, success=True, description=REPLAYED)
@committed
def face_to_face(body, episode_id):
    """Document the face-to-face evaluation (nurse, lead), due within an hour of the start."""
    return _episode(episodes.face_to_face(db.session, actor(), episode_id, body, clock.now()))


@blp.route("/episodes/<int:episode_id>/renew", methods=["POST"])
@permits("episodes.order")
@blp.arguments(RenewalIn)
@blp.response(201, EpisodeOut)
@blp.alt_response(200, schema=EpisodeOut, success=True, description=REPLAYED)
@committed
def renew(body, episode_id):
    """Enter a renewal of the order (nurse, lead); the orders last at most 24 h from the start."""
    return _episode(episodes.renew(db.session, actor(), episode_id, body, clock.now()))


@blp.route("/episodes/<int:episode_id>/end", methods=["POST"])
@permits("episodes.order")
@blp.arguments(EndIn)
@blp.response(200, EpisodeOut)
@committed
def end(body, episode_id):
    """Document the release (nurse, lead); the episode's clocks stop."""
    episode, _is_new = episodes.end(db.session, actor(), episode_id, body, clock.now())
    return episode_view(db.session, episode, clock.now())


@blp.route("/reports/hbips", methods=["GET"])
@permits("reports.hbips")
@blp.arguments(HbipsQuery, location="query")
@blp.response(200, HbipsOut)
@committed
def hbips_report(query):
    """HBIPS-2 and HBIPS-3 of a unit, or of all the lead's units, over [from, to): hours of restraint and seclusion
    per 1,000 hours, overall and by age stratum; `format=csv` answers the same figures as `text/csv`."""
    start, end = query["from_"], query["to"]
    figures = hbips_read.report(db.session, actor(), query["unit_id"], start, end, clock.now())
    if query["format"] == "csv":
        name = f"hbips-{start.date().isoformat()}-{end.date().isoformat()}.csv"
        return Response(
            hbips.as_csv(figures, start, end),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    return figures


@blp.route("/incidents/<int:incident_id>/mandated-reports", methods=["POST"])
@permits("incidents.mandated_report.file")
@blp.arguments(MandatedReportIn)
@blp.response(201, MandatedReportOut)
@blp.alt_response(200, schema=MandatedReportOut, success=True, description=REPLAYED)
@committed
def file_mandated_report(body, incident_id):
    """A report of a submitted incident to an outside agency (nurse, lead, clinician): suspected abuse or neglect
    must be reported within MANDATED_REPORT_HOURS, or `mandated_report_due` rings."""
    return created(services.file_mandated_report(db.session, actor(), incident_id, body, clock.now()))
