"""Shapes of the incident API in (reports, workflow steps, addenda, episodes); `data`: the events', `answers`: out."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from facility.incidents.codes import (
    CATEGORIES,
    DRAFT,
    EPISODE_KINDS,
    INJURED_PERSONS,
    INTERVENTIONS,
    MANDATED_METHODS,
    MONITORING_CHECKS,
    MONITORING_STATES,
    NOTIFIED,
    NOTIFY_METHODS,
    SEVERITIES,
    STATUSES,
    SUBMITTED_STATUS,
)
from facility.reports.ranges import RangeQuery
from facility.schemas import Id, PageQuery, PlausibleDateTime, Text, client_uid, occurred_at
from facility.schemas import started_at as past_moment

# What a submitted report must hold; a draft may leave any of these out until it is submitted.
REQUIRED_TO_SUBMIT = (
    "occurred_at",
    "location",
    "resident_ids",
    "category",
    "severity",
    "behavior",
    "interventions",
    "narrative",
)


def _text(most: int, **kwargs) -> Text:
    return Text(validate=validate.Length(min=1, max=most), **kwargs)


def _unique(values: list) -> None:
    if len(set(values)) != len(values):
        raise ValidationError("each one once")


def ladder_order(interventions: list[str]) -> None:
    """The interventions as tried, least restrictive first (DESIGN.md's ladder)."""
    _unique(interventions)
    for earlier, later in zip(interventions, interventions[1:]):
        if INTERVENTIONS.index(later) < INTERVENTIONS.index(earlier):
            raise ValidationError(
                f"list them from least restrictive: {later} comes before {earlier} (order: {', '.join(INTERVENTIONS)})"
            )


class InjuryIn(Schema):
    """Who was hurt and how."""

    person = fields.String(required=True, validate=validate.OneOf(INJURED_PERSONS))
    resident_id = Id(load_default=None, allow_none=True)
    staff_id = Id(load_default=None, allow_none=True)
    description = _text(500, required=True)
    treatment = _text(500, load_default=None, allow_none=True)

    @validates_schema
    def names_the_person(self, data, **_kwargs):
        """An injured resident is named by resident_id, an injured staff member by staff_id."""
        if data.get("person") == "resident" and data.get("resident_id") is None:
            raise ValidationError("which resident was injured", "resident_id")
        if data.get("person") == "staff" and data.get("staff_id") is None:
            raise ValidationError("which staff member was injured", "staff_id")


class NotificationIn(Schema):
    """Who was told, when and how."""

    whom = fields.String(required=True, validate=validate.OneOf(NOTIFIED))
    name = _text(120, load_default=None, allow_none=True)
    at = PlausibleDateTime(required=True)
    method = fields.String(load_default="phone", validate=validate.OneOf(NOTIFY_METHODS))


class ReportFields(Schema):
    """Every field of a report, none required and none defaulted: a draft may be partial, an edit sends what changed."""

    occurred_at = occurred_at(required=False)
    location = _text(120)
    resident_ids = fields.List(Id(), validate=[validate.Length(min=1, max=20), _unique])
    staff_ids = fields.List(Id(), validate=[validate.Length(max=30), _unique])
    category = fields.String(validate=validate.OneOf(CATEGORIES))
    severity = fields.String(validate=validate.OneOf(SEVERITIES))
    antecedent = _text(4000, allow_none=True)
    behavior = _text(4000)
    consequence = _text(4000, allow_none=True)
    interventions = fields.List(
        fields.String(validate=validate.OneOf(INTERVENTIONS)),
        validate=ladder_order,
        metadata={"description": "least restrictive first: " + ", ".join(INTERVENTIONS)},
    )
    held_resident_ids = fields.List(
        Id(),
        validate=[validate.Length(max=20), _unique],
        metadata={
            "description": "which of the report's residents were held, restrained or secluded (a report about one "
            "resident names that one); each opens an episode for the nurse to complete"
        },
    )
    injuries = fields.List(fields.Nested(InjuryIn), validate=validate.Length(max=20))
    notifications = fields.List(fields.Nested(NotificationIn), validate=validate.Length(max=20))
    narrative = _text(8000)


def missing_to_submit(report: dict) -> dict[str, list[str]]:
    """The fields a submitted report needs and report lacks, each with its message."""
    return {name: ["required to submit the report"] for name in REQUIRED_TO_SUBMIT if report.get(name) is None}


class IncidentIn(ReportFields):
    """A report from the tablet: submitted at once (the default), or kept as a draft."""

    uid = client_uid()
    unit_id = Id(required=True)
    status = fields.String(load_default=SUBMITTED_STATUS, validate=validate.OneOf([DRAFT, SUBMITTED_STATUS]))

    @validates_schema
    def complete_when_submitted(self, data, **_kwargs):
        """A submitted report holds every required field; a draft may wait."""
        if data.get("status", SUBMITTED_STATUS) == SUBMITTED_STATUS and (missing := missing_to_submit(data)):
            raise ValidationError(missing)


class DraftEditIn(ReportFields):
    """Changes to a draft by its author: only the fields sent change; each edit has its own uid."""

    uid = client_uid()


class StepIn(Schema):
    """A workflow step (submit, review, close): an optional note; an optional uid makes a retry safe."""

    uid = client_uid(required=False)
    note = _text(4000, load_default=None, allow_none=True)


class AddendumIn(Schema):
    uid = client_uid()
    text = _text(8000, required=True)


class MandatedReportIn(Schema):
    """A report made to an outside agency (child or adult protective services, the state's abuse hotline)."""

    uid = client_uid()
    agency = _text(200, required=True)
    reported_at = past_moment(required=True)
    method = fields.String(required=True, validate=validate.OneOf(MANDATED_METHODS))
    reference = _text(120, load_default=None, allow_none=True)


class IncidentQuery(PageQuery):
    unit_id = Id(required=True)
    status = fields.String(load_default=None, validate=validate.OneOf(STATUSES))


class EpisodeIn(Schema):
    """A restraint or seclusion episode for one resident of the incident, with its physician's order."""

    uid = client_uid()
    resident_id = Id(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(EPISODE_KINDS))
    started_at = occurred_at()
    ordered_by = _text(120, required=True, metadata={"description": "the ordering physician"})
    ordered_at = past_moment()


class RenewalIn(Schema):
    """A physician's renewal of the order; all orders together last at most 24 h from the start."""

    uid = client_uid()
    ordered_by = _text(120, required=True)
    ordered_at = past_moment()


class MonitoringIn(Schema):
    """A 15-minute check of a resident in restraint or seclusion."""

    uid = client_uid()
    occurred_at = occurred_at()
    state = fields.String(load_default=None, validate=validate.OneOf(MONITORING_STATES))
    checks = fields.List(fields.String(validate=validate.OneOf(MONITORING_CHECKS)), load_default=list, validate=_unique)
    note = _text(2000, load_default=None, allow_none=True)


class FaceToFaceIn(Schema):
    """The face-to-face evaluation within an hour of the start: the resident's condition and whether to go on."""

    uid = client_uid()
    occurred_at = occurred_at()
    findings = _text(4000, required=True)
    continue_episode = fields.Boolean(load_default=True)


class EndIn(Schema):
    uid = client_uid()
    occurred_at = occurred_at()
    note = _text(2000, load_default=None, allow_none=True)


class HbipsQuery(RangeQuery):
    """A unit, or none for all the caller's units, and [from, to) of at most a year (a month's report, a
    quarter's, a year's); as JSON or CSV."""

    max_days = 367
    unit_id = Id(load_default=None, metadata={"description": "none: all the caller's units (the whole facility)"})
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "csv"]))
