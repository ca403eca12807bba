"""Shapes of the rounds API."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from facility.reports.ranges import RangeQuery
from facility.rounds.codes import ASLEEP, LOCATIONS, STATES
from facility.rounds.models import CODE_KINDS
from facility.rounds.presence import SCANNED, TAPPED
from facility.schemas import Id, PlausibleDateTime, Text, client_uid, occurred_at


class PresenceData(Schema):
    """How a check's presence was established, as the record keeps it (never the token itself)."""

    method = Text(required=True, validate=validate.OneOf([SCANNED, TAPPED]))
    kind = Text(load_default=None, allow_none=True, validate=validate.OneOf(CODE_KINDS))
    code_id = fields.Integer(load_default=None, allow_none=True)
    scanned_at = fields.AwareDateTime(load_default=None, allow_none=True)
    reason = Text(load_default=None, allow_none=True, validate=validate.Length(max=200))


class PresenceIn(Schema):
    """How the tablet says the worker was there: a scanned code's token, or a tap (with a reason if needed)."""

    method = Text(required=True, validate=validate.OneOf([SCANNED, TAPPED]))
    token = Text(load_default=None, allow_none=True, validate=validate.Length(min=1, max=64))
    scanned_at = PlausibleDateTime(load_default=None, allow_none=True)
    reason = Text(load_default=None, allow_none=True, validate=validate.Length(min=3, max=200))

    @validates_schema
    def token_when_scanned(self, data, **_kwargs):
        """A scan without the code it read proves nothing."""
        if data.get("method") == SCANNED and not data.get("token"):
            raise ValidationError("required when the method is scanned", "token")


class CheckData(Schema):
    """What a rounds.check event records (and what an amendment of one may set)."""

    location = Text(required=True, validate=validate.OneOf(LOCATIONS))
    state = Text(required=True, validate=validate.OneOf(STATES))
    breathing_observed = fields.Boolean(load_default=None, allow_none=True)
    note = Text(load_default=None, allow_none=True, validate=validate.Length(max=2000))
    presence = fields.Nested(PresenceData, load_default=None, allow_none=True)

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
    presence = fields.Nested(PresenceIn, load_default=None, allow_none=True)


def _datum(name: str) -> fields.Function:
    return fields.Function(lambda event: event.data.get(name))


def _presence_out(stored: dict | None) -> dict | None:
    if not stored:
        return None
    return {key: stored.get(key) for key in ("method", "kind", "scanned_at", "reason") if stored.get(key) is not None}


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
    presence = fields.Function(lambda event: _presence_out(event.data.get("presence")))
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


class StaffComplianceOut(Schema):
    """One staff member's checks in a shift."""

    user_id = fields.Integer(allow_none=True)
    name = Text()
    checks = fields.Integer()
    on_time = fields.Integer()
    on_time_pct = fields.Float(allow_none=True)
    validated = fields.Integer()
    validated_pct = fields.Float(allow_none=True)
    unscanned_reasons = fields.Dict(keys=Text(), values=fields.Integer())


class ShiftComplianceOut(Schema):
    shift_start = fields.AwareDateTime()
    shift_end = fields.AwareDateTime()
    label = Text()
    checks = fields.Integer()
    on_time = fields.Integer()
    missed = fields.Integer()
    percent_on_time = fields.Float(allow_none=True)
    on_time_pct = fields.Float(allow_none=True)
    validated = fields.Integer()
    validated_pct = fields.Float(allow_none=True, metadata={"description": "checks proved by a scan, % of made"})
    unscanned_reasons = fields.Dict(keys=Text(), values=fields.Integer())
    by_staff = fields.List(fields.Nested(StaffComplianceOut))
    longest_gap = fields.Nested(GapOut, allow_none=True)
    residents = fields.List(fields.Nested(ResidentComplianceOut))


class RoundsReportOut(Schema):
    unit_id = fields.Integer()
    timezone = Text()
    from_ = fields.AwareDateTime(data_key="from")
    to = fields.AwareDateTime()
    shifts = fields.List(fields.Nested(ShiftComplianceOut))


class AssignedData(Schema):
    """What a rounds.assigned event records: the shift and who has whom for it."""

    shift_start = fields.AwareDateTime(required=True)
    assignments = fields.List(fields.Dict(), required=True)


class AssignmentIn(Schema):
    user_id = Id(required=True, strict=True)
    resident_ids = fields.List(Id(strict=True), required=True, validate=validate.Length(max=200))


class AssignmentsIn(Schema):
    """The current shift's assignments of a unit: who rounds on whom."""

    assignments = fields.List(fields.Nested(AssignmentIn), required=True, validate=validate.Length(max=100))


class AssignmentOut(Schema):
    user_id = fields.Integer()
    name = Text()
    resident_ids = fields.List(fields.Integer())


class AssignmentsOut(Schema):
    unit_id = fields.Integer()
    shift_start = fields.AwareDateTime()
    shift_end = fields.AwareDateTime()
    assignments = fields.List(fields.Nested(AssignmentOut))


class PresenceCodeOut(Schema):
    """A code to print: an opaque token and where it goes (no name, no record number)."""

    token = Text()
    kind = Text()
    room = Text()
    resident_id = fields.Integer(allow_none=True)


class CodeResidentOut(Schema):
    id = fields.Integer()
    display_name = Text()


class CodeLookupOut(PresenceCodeOut):
    """What a scanned code opens: its room or wristband and who lives there."""

    unit_id = fields.Integer()
    residents = fields.List(fields.Nested(CodeResidentOut))
