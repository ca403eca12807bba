"""Shapes of the census API."""
from __future__ import annotations

from flask import current_app
from marshmallow import Schema, fields, validate

from facility.rounds.levels import LEVEL_CODES
from facility.schemas import client_uid, code_list, occurred_at

PRECAUTIONS = ["suicide", "self_harm", "elopement", "fall", "assault", "seizure"]
STATUSES = ["ok", "due", "overdue"]


class UnitOut(Schema):
    id = fields.Integer()
    name = fields.String()
    timezone = fields.Function(lambda _unit: current_app.config["FACILITY_TIMEZONE"])
    shift_starts = fields.List(fields.String())


class ResidentOut(Schema):
    """What a tablet may show: first name, last initial, room."""

    id = fields.Integer()
    unit_id = fields.Integer()
    display_name = fields.String()
    room = fields.String()
    observation_level = fields.String()
    precautions = fields.List(fields.String())
    discharged_at = fields.AwareDateTime()


class ResidentDetailOut(ResidentOut):
    """The detail page: the full identity."""

    first_name = fields.String()
    last_name = fields.String()
    preferred_name = fields.String()
    date_of_birth = fields.Date()
    record_number = fields.String()
    allergies = fields.List(fields.String())
    admitted_at = fields.AwareDateTime()
    assigned_staff_id = fields.Integer(allow_none=True)
    orders = fields.List(fields.Dict(), dump_default=list)
    goals = fields.List(fields.Dict(), dump_default=list)


class ResidentQuery(Schema):
    unit_id = fields.Integer(load_default=None)
    include_discharged = fields.Boolean(load_default=False)


class AdmitIn(Schema):
    uid = client_uid(required=False)
    unit_id = fields.Integer(required=True)
    first_name = fields.String(required=True, validate=validate.Length(min=1, max=80))
    last_name = fields.String(required=True, validate=validate.Length(min=1, max=80))
    preferred_name = fields.String(load_default=None, validate=validate.Length(max=80))
    date_of_birth = fields.Date(required=True)
    record_number = fields.String(load_default=None, validate=validate.Length(max=40))
    room = fields.String(required=True, validate=validate.Length(min=1, max=20))
    admitted_at = occurred_at()
    observation_level = fields.String(required=True, validate=validate.OneOf(LEVEL_CODES))
    assigned_staff_id = fields.Integer(load_default=None)
    precautions = code_list(PRECAUTIONS)
    allergies = fields.List(fields.String(validate=validate.Length(min=1, max=120)), load_default=list)


class DischargeIn(Schema):
    uid = client_uid()
    occurred_at = occurred_at()
    note = fields.String(load_default=None, validate=validate.Length(max=4000))


class TransferIn(Schema):
    uid = client_uid()
    occurred_at = occurred_at()
    unit_id = fields.Integer(required=True)
    room = fields.String(required=True, validate=validate.Length(min=1, max=20))


class LevelChangeIn(Schema):
    uid = client_uid()
    occurred_at = occurred_at()
    level = fields.String(required=True, validate=validate.OneOf(LEVEL_CODES))
    reason = fields.String(required=True, validate=validate.Length(min=3, max=2000))
    assigned_staff_id = fields.Integer(load_default=None)


class BoardAlertOut(Schema):
    """An unresolved alert as the tablet shows it on the resident's tile."""

    id = fields.Integer()
    kind = fields.String()
    severity = fields.String()
    message = fields.String()
    acknowledged_at = fields.AwareDateTime(allow_none=True)


class BoardResidentOut(Schema):
    id = fields.Integer()
    display_name = fields.String()
    room = fields.String()
    observation_level = fields.String()
    precautions = fields.List(fields.String())
    last_check_at = fields.AwareDateTime(allow_none=True)
    next_check_due_at = fields.AwareDateTime()
    status = fields.String(validate=validate.OneOf(STATUSES))
    open_alerts = fields.Integer()
    alerts = fields.List(fields.Nested(BoardAlertOut))


class BoardOut(Schema):
    unit = fields.Nested(UnitOut)
    now = fields.AwareDateTime()
    residents = fields.List(fields.Nested(BoardResidentOut))


class EventRefOut(Schema):
    """The event a census change was recorded as."""

    id = fields.Integer()
    uid = fields.String()
    kind = fields.String()
    occurred_at = fields.AwareDateTime()
    recorded_at = fields.AwareDateTime()
    late_entry = fields.Boolean()
    data = fields.Dict()


class AdmittedData(Schema):
    """What a resident.admitted event records."""

    room = fields.String(required=True, validate=validate.Length(min=1, max=20))
    observation_level = fields.String(required=True, validate=validate.OneOf(LEVEL_CODES))
    precautions = code_list(PRECAUTIONS)


class DischargedData(Schema):
    note = fields.String(load_default=None, validate=validate.Length(max=4000))


class TransferredData(Schema):
    from_unit_id = fields.Integer(required=True)
    to_unit_id = fields.Integer(required=True)
    from_room = fields.String(required=True)
    room = fields.String(required=True, validate=validate.Length(min=1, max=20))


class LevelChangedData(Schema):
    from_ = fields.String(required=True, data_key="from", validate=validate.OneOf(LEVEL_CODES))
    to = fields.String(required=True, validate=validate.OneOf(LEVEL_CODES))
    reason = fields.String(required=True, validate=validate.Length(min=3, max=2000))
    assigned_staff_id = fields.Integer(load_default=None, allow_none=True)
