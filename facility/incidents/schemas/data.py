"""What each incident and episode event records in its `data` (checked again by the write path)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from facility.incidents.codes import (
    CATEGORIES,
    EPISODE_KINDS,
    INTERVENTIONS,
    MANDATED_METHODS,
    MONITORING_CHECKS,
    MONITORING_STATES,
    SEVERITIES,
)
from facility.incidents.schemas import InjuryIn, NotificationIn
from facility.schemas import Id, Text


class _Report(Schema):
    """The report's fields as stored; optional ones may be absent."""

    incident_id = Id(load_default=None)
    occurred_at = fields.AwareDateTime(format="iso", load_default=None)
    location = Text(load_default=None)
    resident_ids = fields.List(Id(), load_default=None)
    staff_ids = fields.List(Id(), load_default=list)
    category = fields.String(load_default=None, validate=validate.OneOf(CATEGORIES))
    severity = fields.String(load_default=None, validate=validate.OneOf(SEVERITIES))
    antecedent = Text(load_default=None)
    behavior = Text(load_default=None)
    consequence = Text(load_default=None)
    interventions = fields.List(fields.String(validate=validate.OneOf(INTERVENTIONS)), load_default=None)
    held_resident_ids = fields.List(Id(), load_default=None)
    injuries = fields.List(fields.Nested(InjuryIn), load_default=list)
    notifications = fields.List(fields.Nested(NotificationIn), load_default=list)
    narrative = Text(load_default=None)
    note = Text(load_default=None)


class DraftData(_Report):
    """incident.drafted (a new draft) and incident.draft_edited (incident_id and the fields changed, or the
    whole draft again with `replaces`)."""

    replaces = fields.Boolean(load_default=False)


class SubmittedData(_Report):
    """incident.submitted: the whole report as it was submitted (incident_id when it was a draft first)."""

    occurred_at = fields.AwareDateTime(format="iso", required=True)
    location = Text(required=True)
    resident_ids = fields.List(Id(), required=True, validate=validate.Length(min=1))
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    severity = fields.String(required=True, validate=validate.OneOf(SEVERITIES))
    behavior = Text(required=True)
    interventions = fields.List(fields.String(validate=validate.OneOf(INTERVENTIONS)), required=True)
    narrative = Text(required=True)


class StepData(Schema):
    """incident.reviewed and incident.closed."""

    incident_id = Id(required=True)
    note = Text(load_default=None)


class AddendumData(Schema):
    incident_id = Id(required=True)
    text = Text(required=True, validate=validate.Length(min=1))


class MandatedReportData(Schema):
    """A report made to an outside agency about an incident: to whom, when, how, and the agency's reference."""

    incident_id = Id(required=True)
    agency = Text(required=True, validate=validate.Length(min=1, max=200))
    reported_at = fields.DateTime(required=True)
    method = fields.String(required=True, validate=validate.OneOf(MANDATED_METHODS))
    reference = Text(load_default=None, allow_none=True, validate=validate.Length(max=120))


class EpisodeStartedData(Schema):
    incident_id = Id(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(EPISODE_KINDS))
    ordered_by = Text(required=True)
    ordered_at = fields.AwareDateTime(format="iso", required=True)
    order_minutes = fields.Integer(required=True)
    order_expires_at = fields.AwareDateTime(format="iso", required=True)


class EpisodeOpenedData(Schema):
    """episode.opened: a report named a hold, restraint or seclusion; a nurse completes the order, checks, end."""

    incident_id = Id(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(EPISODE_KINDS))


class OrderedData(Schema):
    """episode.ordered: a nurse enters the order of an episode opened from a report, and its documented start."""

    episode_id = Id(required=True)
    started_at = fields.AwareDateTime(format="iso", required=True)
    ordered_by = Text(required=True)
    ordered_at = fields.AwareDateTime(format="iso", required=True)
    order_minutes = fields.Integer(required=True)
    order_expires_at = fields.AwareDateTime(format="iso", required=True)


class LinkedData(Schema):
    """episode.linked: a later report describes an episode already documented under another report."""

    episode_id = Id(required=True)
    incident_id = Id(required=True)


class RenewedData(Schema):
    episode_id = Id(required=True)
    ordered_by = Text(required=True)
    ordered_at = fields.AwareDateTime(format="iso", required=True)
    expires_at = fields.AwareDateTime(format="iso", required=True)


class MonitoredData(Schema):
    episode_id = Id(required=True)
    state = fields.String(load_default=None, validate=validate.OneOf(MONITORING_STATES))
    checks = fields.List(fields.String(validate=validate.OneOf(MONITORING_CHECKS)), load_default=list)
    note = Text(load_default=None)


class FaceToFaceData(Schema):
    episode_id = Id(required=True)
    findings = Text(required=True)
    continue_episode = fields.Boolean(load_default=True)


class EndedData(Schema):
    episode_id = Id(required=True)
    note = Text(load_default=None)
