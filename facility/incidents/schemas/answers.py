"""Shapes of the incident API out: reports with history, addenda and episodes with their clocks; HBIPS figures."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from facility.schemas import Text


class ResidentRef(Schema):
    id = fields.Integer()
    display_name = Text(allow_none=True)


class StaffRef(Schema):
    id = fields.Integer()
    name = Text(allow_none=True)


class InjuryOut(Schema):
    person = fields.String()
    resident_id = fields.Integer(allow_none=True)
    staff_id = fields.Integer(allow_none=True)
    description = Text()
    treatment = Text(allow_none=True)


class NotificationOut(Schema):
    whom = fields.String()
    name = Text(allow_none=True)
    at = fields.String(metadata={"description": "ISO 8601 with offset"})
    method = fields.String()


class StepOut(Schema):
    """One step of the workflow: who took it and when."""

    status = fields.String()
    by_id = fields.Integer()
    by = Text(allow_none=True)
    at = fields.AwareDateTime()
    note = Text(allow_none=True)


class AddendumOut(Schema):
    id = fields.Integer()
    uid = fields.String()
    incident_id = fields.Integer()
    text = Text()
    author_id = fields.Integer()
    author = Text(allow_none=True)
    at = fields.AwareDateTime()


class EpisodeOrderOut(Schema):
    uid = fields.String()
    ordered_by = Text()
    ordered_at = fields.AwareDateTime()
    expires_at = fields.AwareDateTime()
    renewal = fields.Boolean()
    entered_by = Text(allow_none=True)


class EpisodeCheckOut(Schema):
    uid = fields.String()
    at = fields.AwareDateTime()
    by_id = fields.Integer()
    by = Text(allow_none=True)
    state = fields.String(allow_none=True)
    checks = fields.List(fields.String())
    note = Text(allow_none=True)


class EpisodeOut(Schema):
    """An episode with its clocks: the page counts down to order_expires_at, face_to_face_due_at and
    next_monitoring_due_at (each null once it no longer runs)."""

    id = fields.Integer()
    uid = fields.String()
    incident_id = fields.Integer()
    unit_id = fields.Integer()
    resident_id = fields.Integer()
    display_name = Text(allow_none=True)
    kind = fields.String()
    status = fields.String(metadata={"description": "running | ended"})
    opened_from_report = fields.Boolean(metadata={"description": "opened by the submission of incident_id's report"})
    to_complete = fields.Boolean(
        metadata={"description": "opened from a report and still missing what `missing` names: the order, the end"}
    )
    missing = fields.List(fields.String(), metadata={"description": "order | end"})
    incident_ids = fields.List(
        fields.Integer(), metadata={"description": "the reports that describe it: incident_id first, then linked ones"}
    )
    started_at = fields.AwareDateTime()
    started_by = Text(allow_none=True)
    ended_at = fields.AwareDateTime(allow_none=True)
    ended_by = Text(allow_none=True)
    end_note = Text(allow_none=True)
    minutes = fields.Integer()
    order_minutes = fields.Integer(allow_none=True)
    order_expires_at = fields.AwareDateTime(
        allow_none=True, metadata={"description": "null until the order is entered"}
    )
    order_total_limit_at = fields.AwareDateTime()
    face_to_face_due_at = fields.AwareDateTime(allow_none=True)
    face_to_face_at = fields.AwareDateTime(allow_none=True)
    face_to_face_by = Text(allow_none=True)
    face_to_face_findings = Text(allow_none=True)
    last_monitored_at = fields.AwareDateTime(allow_none=True)
    next_monitoring_due_at = fields.AwareDateTime(allow_none=True)
    orders = fields.List(fields.Nested(EpisodeOrderOut))
    monitoring = fields.List(fields.Nested(EpisodeCheckOut))
    now = fields.AwareDateTime()


class IncidentSummaryOut(Schema):
    """A report as lists show it."""

    id = fields.Integer()
    uid = fields.String()
    unit_id = fields.Integer()
    status = fields.String(metadata={"description": "draft | submitted | reviewed | closed"})
    author_id = fields.Integer()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()
    occurred_at = fields.AwareDateTime(allow_none=True)
    location = Text(allow_none=True)
    resident_ids = fields.List(fields.Integer())
    residents = fields.List(fields.Nested(ResidentRef))
    staff_ids = fields.List(fields.Integer())
    category = fields.String(allow_none=True)
    severity = fields.String(allow_none=True)
    antecedent = Text(allow_none=True)
    behavior = Text(allow_none=True)
    consequence = Text(allow_none=True)
    interventions = fields.List(fields.String())
    held_resident_ids = fields.List(fields.Integer(), allow_none=True)
    injuries = fields.List(fields.Nested(InjuryOut))
    notifications = fields.List(fields.Nested(NotificationOut))
    narrative = Text(allow_none=True)


class MandatedReportOut(Schema):
    """A report of an incident to an outside agency."""

    id = fields.Integer()
    uid = fields.String()
    incident_id = fields.Integer()
    agency = fields.String()
    reported_at = fields.DateTime()
    method = fields.String()
    reference = fields.String(allow_none=True)
    filed_by = fields.String(allow_none=True)
    filed_at = fields.DateTime()


class IncidentOut(IncidentSummaryOut):
    """A report with who wrote it, its status history, addenda and episodes."""

    author = Text(allow_none=True)
    staff = fields.List(fields.Nested(StaffRef))
    history = fields.List(fields.Nested(StepOut))
    addenda = fields.List(fields.Nested(AddendumOut))
    episodes = fields.List(fields.Nested(EpisodeOut))
    mandated_reports = fields.List(fields.Nested(MandatedReportOut))


class IncidentPageOut(Schema):
    items = fields.List(fields.Nested(IncidentSummaryOut))
    next_after_id = fields.Integer(allow_none=True)


class HbipsFigures(Schema):
    """HBIPS-2 (restraint) and HBIPS-3 (seclusion) of one population over [from, to)."""

    resident_days = fields.Integer()
    leave_days = fields.Integer()
    inpatient_hours = fields.Integer()
    restraint_hours = fields.Float()
    seclusion_hours = fields.Float()
    hbips2_rate = fields.Float(allow_none=True)
    hbips3_rate = fields.Float(allow_none=True)
    not_determinable = fields.List(fields.Integer(), metadata={"description": "episodes without an end"})
    hours_determinable = fields.Boolean(
        metadata={
            "description": "false while any episode or report of the range is not determinable: the hours so far "
            "are a floor, never a zero"
        }
    )


class HbipsOut(HbipsFigures):
    """HBIPS-2 (restraint) and HBIPS-3 (seclusion) of a unit, or of all the caller's units, over [from, to), overall
    and by age stratum."""

    unit_ids = fields.List(fields.Integer(), metadata={"description": "the units the figures cover"})
    strata = fields.Dict(
        keys=fields.String(validate=validate.OneOf(["1-12", "13-17", "18-64", "65+"])),
        values=fields.Nested(HbipsFigures),
        metadata={"description": "the same figures by age: a resident day in the stratum of that day's age"},
    )
    not_determinable_incidents = fields.List(
        fields.Integer(),
        metadata={
            "description": "reports naming a hold, restraint or seclusion with no episode, or one without an end"
        },
    )
    not_determinable_incident_count = fields.Integer()
