"""Shapes of the clinical API: what an assessment's event holds, what clients send, what they get back."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from facility.clinical.codes import INFORMANTS
from facility.schemas import Id, Text, client_uid, occurred_at

STATUSES = ["complete", "incomplete"]


class AssessmentData(Schema):
    """What an assessment.administered event records: the answers as given and the server's score of them."""

    instrument = Text(required=True, validate=validate.Length(min=1, max=40))
    version = Text(required=True, validate=validate.Length(max=40))
    answers = fields.Dict(keys=fields.String(), values=fields.Integer(allow_none=True), required=True)
    informant = Text(required=True, validate=validate.OneOf(INFORMANTS))
    incomplete_reason = Text(load_default=None, allow_none=True, validate=validate.Length(max=1000))
    status = Text(required=True, validate=validate.OneOf(STATUSES))
    total = fields.Integer(allow_none=True, load_default=None)
    band = Text(allow_none=True, load_default=None)
    critical_items = fields.List(fields.Integer(), load_default=list)


class AssessmentIn(Schema):
    """An administration as the tablet sends it for the resident of the path."""

    uid = client_uid()
    occurred_at = occurred_at()
    instrument = Text(
        required=True,
        validate=validate.Length(min=1, max=40),
        metadata={"description": "an instrument's code from GET /api/v1/instruments (phq9, gad7, bprs …)"},
    )
    answers = fields.Dict(
        keys=Text(validate=validate.Length(min=1, max=4)),
        values=fields.Integer(strict=True, allow_none=True),
        required=True,
        validate=validate.Length(max=200),
        metadata={"description": 'item number → the value of the chosen option, {"1": 0, "2": 3, …}'},
    )
    informant = Text(load_default="resident", validate=validate.OneOf(INFORMANTS))
    incomplete_reason = Text(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=1000),
        metadata={"description": "why items were left unanswered; the administration is then stored unscored"},
    )


class AssessmentSyncIn(AssessmentIn):
    """The same administration sent offline through /api/v1/sync, naming its resident."""

    resident_id = Id(required=True)


class AssessmentQuery(Schema):
    instrument = Text(load_default=None, validate=validate.Length(min=1, max=40))


class AssessmentOut(Schema):
    """An administration with its score: total and band (none when incomplete), critical items, the change."""

    id = fields.Integer()
    uid = fields.String()
    resident_id = fields.Integer()
    instrument = fields.String()
    instrument_name = fields.String()
    version = fields.String()
    occurred_at = fields.AwareDateTime()
    recorded_at = fields.AwareDateTime()
    late_entry = fields.Boolean()
    administered_by = fields.String(allow_none=True)
    informant = fields.String()
    answers = fields.Dict(keys=fields.String(), values=fields.Integer(allow_none=True))
    status = fields.String()
    total = fields.Integer(allow_none=True)
    band = fields.String(allow_none=True)
    band_label = fields.String(allow_none=True)
    critical_items = fields.List(fields.Integer())
    incomplete_reason = fields.String(allow_none=True)
    change_from_previous = fields.Integer(allow_none=True)
    clinically_significant_change = fields.Boolean()


class OptionOut(Schema):
    value = fields.Integer()
    label = fields.String()


class ItemOut(Schema):
    n = fields.Integer()
    text = fields.String()
    options = fields.List(fields.Nested(OptionOut))


class BandOut(Schema):
    code = fields.String()
    label = fields.String()
    min = fields.Integer()
    max = fields.Integer()


class CriticalItemOut(Schema):
    n = fields.Integer()
    above = fields.Integer()
    alert = fields.String()


class InstrumentOut(Schema):
    code = fields.String()
    name = fields.String()
    short = fields.String()
    version = fields.String()
    prompt = fields.String()
    items = fields.List(fields.Nested(ItemOut))
    scoring = fields.Dict()
    bands = fields.List(fields.Nested(BandOut))
    critical_items = fields.List(fields.Nested(CriticalItemOut))
    source = fields.String()
    licence = fields.String()
    loinc = fields.String(allow_none=True)
