"""Shapes of the census API."""

from __future__ import annotations

from flask import current_app
from marshmallow import Schema, fields, validate

from facility.census.levels import LEVEL_CODES
from facility.schemas import Id, Text, birth_date, client_uid, code_list, occurred_at, started_at

PRECAUTIONS = ["suicide", "self_harm", "elopement", "fall", "assault", "seizure"]


class UnitOut(Schema):
    id = fields.Integer()
    name = Text()
    timezone = fields.Function(lambda _unit: current_app.config["FACILITY_TIMEZONE"])
    shift_starts = fields.List(Text())
    scan_required_levels = fields.List(Text())


class ResidentOut(Schema):
    """What a tablet may show: first name, last initial, room."""

    id = fields.Integer()
    unit_id = fields.Integer()
    display_name = Text()
    room = Text()
    observation_level = Text()
    precautions = fields.List(Text())
    discharged_at = fields.AwareDateTime(allow_none=True)


class ResidentDetailOut(ResidentOut):
    """The detail page: the full identity."""

    first_name = Text()
    last_name = Text()
    preferred_name = Text(allow_none=True)
    date_of_birth = fields.Date(allow_none=True)
    record_number = Text(allow_none=True)
    allergies = fields.List(Text())
    admitted_at = fields.AwareDateTime()
    assigned_staff_id = fields.Integer(allow_none=True)
    orders = fields.List(fields.Dict(), dump_default=list)
    goals = fields.List(fields.Dict(), dump_default=list)


class ResidentQuery(Schema):
    unit_id = Id(load_default=None)
    include_discharged = fields.Boolean(load_default=False)


class AdmitIn(Schema):
    uid = client_uid(required=False)
    unit_id = Id(required=True)
    first_name = Text(required=True, validate=validate.Length(min=1, max=80))
    last_name = Text(required=True, validate=validate.Length(min=1, max=80))
    preferred_name = Text(load_default=None, validate=validate.Length(max=80))
    date_of_birth = birth_date(required=True)
    record_number = Text(load_default=None, validate=validate.Length(max=40))
    room = Text(required=True, validate=validate.Length(min=1, max=20))
    admitted_at = started_at()
    observation_level = Text(required=True, validate=validate.OneOf(LEVEL_CODES))
    assigned_staff_id = Id(load_default=None)
    precautions = code_list(PRECAUTIONS)
    allergies = fields.List(Text(validate=validate.Length(min=1, max=120)), load_default=list)


class DischargeIn(Schema):
    uid = client_uid()
    occurred_at = occurred_at()
    note = Text(load_default=None, validate=validate.Length(max=4000))


class TransferIn(Schema):
    uid = client_uid()
    occurred_at = occurred_at()
    unit_id = Id(required=True)
    room = Text(required=True, validate=validate.Length(min=1, max=20))


class LevelChangeIn(Schema):
    uid = client_uid()
    occurred_at = occurred_at()
    level = Text(required=True, validate=validate.OneOf(LEVEL_CODES))
    reason = Text(required=True, validate=validate.Length(min=3, max=2000))
    assigned_staff_id = Id(load_default=None)


class EventRefOut(Schema):
    """The event a census change was recorded as."""

    id = fields.Integer()
    uid = Text()
    kind = Text()
    occurred_at = fields.AwareDateTime()
    recorded_at = fields.AwareDateTime()
    late_entry = fields.Boolean()
    data = fields.Dict()


class AdmittedData(Schema):
    """What a resident.admitted event records."""

    room = Text(required=True, validate=validate.Length(min=1, max=20))
    observation_level = Text(required=True, validate=validate.OneOf(LEVEL_CODES))
    precautions = code_list(PRECAUTIONS)


class DischargedData(Schema):
    note = Text(load_default=None, validate=validate.Length(max=4000))


class TransferredData(Schema):
    from_unit_id = fields.Integer(required=True)
    to_unit_id = fields.Integer(required=True)
    from_room = Text(required=True)
    room = Text(required=True, validate=validate.Length(min=1, max=20))


class LevelChangedData(Schema):
    from_ = Text(required=True, data_key="from", validate=validate.OneOf(LEVEL_CODES))
    to = Text(required=True, validate=validate.OneOf(LEVEL_CODES))
    reason = Text(required=True, validate=validate.Length(min=3, max=2000))
    assigned_staff_id = fields.Integer(load_default=None, allow_none=True)
