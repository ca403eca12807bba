"""Shapes of the rounds API."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from facility.rounds.codes import ASLEEP, LOCATIONS, STATES
from facility.reports.ranges import RangeQuery
from facility.schemas import Id, Text, client_uid, occurred_at



class CheckData(Schema):
    """What a rounds.check event records (and what an amendment of one may set)."""

    location = Text(required=True, validate=validate.OneOf(LOCATIONS))
    state = Text(required=True, validate=validate.OneOf(STATES))
    breathing_observed = fields.Boolean(load_default=None, allow_none=True)
    note = Text(load_default=None, allow_none=True, validate=validate.Length(max=2000))

    @validates_schema
    def breathing_when_asleep(self, data, **_kwargs):
        """Asleep is only a complete check when it says whether breathing was seen."""
        if data.get("state") == ASLEEP and data.get("breathing_observed") is None:
            raise ValidationError("required when the resident is asleep", "breathing_observed")


class CheckIn(CheckData):
    """A round check as the tablet sends it."""

    uid = client_uid()
    resident_id = Id(required=True, strict=True)
    occurred_at = occurred_at()


def _datum(name: str) -> fields.Function:
    return fields.Function(lambda event: event.data.get(name))


class CheckOut(Schema):
    """A stored check."""

    id = fields.Integer()
    uid = Text()
    resident_id = fields.Integer()
    occurred_at = fields.AwareDateTime()
    location = _datum("location")
    state = _datum("state")
    breathing_observed = _datum("breathing_observed")
    note = _datum("note")
    recorded_at = fields.AwareDateTime()
    late_entry = fields.Boolean()


class ReportQuery(RangeQuery):
    """A unit and a time range of at most 31 days."""


class GapOut(Schema):
    resident_id = fields.Integer()
    display_name = Text()
    minutes = fields.Integer()
    start = fields.AwareDateTime()
    end = fields.AwareDateTime()
    open = fields.Boolean()


class ResidentComplianceOut(Schema):
    resident_id = fields.Integer()
    display_name = Text()
    checks = fields.Integer()
    on_time = fields.Integer()
    late = fields.Integer()
    missed = fields.Integer()
    longest_gap = fields.Nested(GapOut, allow_none=True)


class ShiftComplianceOut(Schema):
    shift_start = fields.AwareDateTime()
    shift_end = fields.AwareDateTime()
    label = Text()
    checks = fields.Integer()
    on_time = fields.Integer()
    missed = fields.Integer()
    percent_on_time = fields.Float(allow_none=True)
    longest_gap = fields.Nested(GapOut, allow_none=True)
    residents = fields.List(fields.Nested(ResidentComplianceOut))


class RoundsReportOut(Schema):
    unit_id = fields.Integer()
    timezone = Text()
    from_ = fields.AwareDateTime(data_key="from")
    to = fields.AwareDateTime()
    shifts = fields.List(fields.Nested(ShiftComplianceOut))
