"""Shapes of the clinical API: what an assessment's event holds, what clients send, what they get back."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from facility.clinical.codes import (
    INFORMANTS,
    MODALITIES,
    PARTICIPATION,
    PLAN_MODALITIES,
    REVIEW_DAYS,
    RISK_LEVELS,
    SESSION_KINDS,
)
from facility.permissions import ROLE_NAMES
from facility.schemas import Id, PlausibleDate, PlausibleDateTime, Text, client_uid, occurred_at

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


class DapSummary(Schema):
    """The session's summary in DAP form: what was said and seen, the clinician's assessment, the plan."""

    data = Text(required=True, validate=validate.Length(min=1, max=8000))
    assessment = Text(required=True, validate=validate.Length(min=1, max=8000))
    plan = Text(required=True, validate=validate.Length(min=1, max=8000))


class Risk(Schema):
    """The risk to self and to others the clinician assessed in the session."""

    suicide = Text(required=True, validate=validate.OneOf(RISK_LEVELS))
    violence = Text(required=True, validate=validate.OneOf(RISK_LEVELS))


class TherapySessionData(Schema):
    """What a therapy.session_held event records: never the process note, which is kept apart."""

    resident_ids = fields.List(Id(), required=True, validate=validate.Length(min=1, max=40))
    kind = Text(required=True, validate=validate.OneOf(SESSION_KINDS))
    modality = Text(required=True, validate=validate.OneOf(MODALITIES))
    started_at = PlausibleDateTime(required=True)
    ended_at = PlausibleDateTime(required=True)
    summary = fields.Nested(DapSummary, required=True)
    risk = fields.Nested(Risk, required=True)
    objective_ids = fields.List(Id(), load_default=list, validate=validate.Length(max=40))


class TherapySessionIn(Schema):
    """A session note as the clinician sends it; `process_note` is stored apart and read by its author alone."""

    uid = client_uid()
    resident_ids = fields.List(Id(), required=True, validate=validate.Length(min=1, max=40))
    kind = Text(required=True, validate=validate.OneOf(SESSION_KINDS))
    modality = Text(required=True, validate=validate.OneOf(MODALITIES))
    started_at = occurred_at()
    ended_at = occurred_at()
    summary = fields.Nested(DapSummary, required=True)
    risk = fields.Nested(Risk, required=True)
    objective_ids = fields.List(Id(), load_default=list, validate=validate.Length(max=40))
    process_note = Text(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=20000),
        metadata={"description": "psychotherapy notes (45 CFR 164.501): readable by their author alone"},
    )

    @validates_schema
    def ends_after_it_starts(self, data, **_kwargs):
        if data.get("started_at") and data.get("ended_at") and data["ended_at"] <= data["started_at"]:
            raise ValidationError("must be after started_at", "ended_at")
        ids = data.get("resident_ids") or []
        if len(set(ids)) != len(ids):
            raise ValidationError("each resident once", "resident_ids")
        if data.get("kind") == "individual" and len(ids) > 1:
            raise ValidationError("an individual session is with one resident", "resident_ids")


class SignatureIn(Schema):
    uid = client_uid()


class ProcessNoteIn(Schema):
    """The author's process note, rewritten: kept beside the record, never in an event."""

    text = Text(required=True, validate=validate.Length(min=1, max=20000))
    reason = Text(load_default=None, allow_none=True, validate=validate.Length(max=500))


class SignatureData(Schema):
    """What a therapy.session_signed or _cosigned event records: the session it signs."""

    session_uid = Text(required=True, validate=validate.Length(min=1, max=36))


class TherapySessionOut(Schema):
    """A session as the reader may see it: everyone its kind, times and clinician; the unit's clinical staff its
    summary and risk; its author alone the process note."""

    id = fields.Integer()
    uid = fields.String()
    kind = fields.String()
    started_at = fields.AwareDateTime()
    ended_at = fields.AwareDateTime()
    clinician = fields.String(allow_none=True)
    resident_ids = fields.List(fields.Integer())
    modality = fields.String()
    summary = fields.Nested(DapSummary)
    risk = fields.Nested(Risk)
    objective_ids = fields.List(fields.Integer())
    status = fields.String()
    signed_at = fields.AwareDateTime(allow_none=True)
    cosigned_at = fields.AwareDateTime(allow_none=True)
    cosigned_by = fields.String(allow_none=True)
    process_note = fields.String(allow_none=True)
    process_note_earlier = fields.List(
        fields.Dict(), metadata={"description": "the author's earlier words, oldest first: {text, written_at, reason}"}
    )


KEY = validate.Length(min=1, max=40)


class PlanProblemIn(Schema):
    key = Text(required=True, validate=KEY)
    text = Text(required=True, validate=validate.Length(min=1, max=2000))
    icd10 = Text(
        load_default=None, allow_none=True, validate=validate.Regexp(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")
    )


class PlanGoalIn(Schema):
    key = Text(required=True, validate=KEY)
    problem = Text(required=True, validate=KEY, metadata={"description": "the key of the problem it answers"})
    text = Text(
        required=True, validate=validate.Length(min=1, max=2000), metadata={"description": "in the resident's words"}
    )
    target_date = PlausibleDate(load_default=None, allow_none=True)


class PlanObjectiveIn(Schema):
    key = Text(required=True, validate=KEY)
    goal = Text(required=True, validate=KEY, metadata={"description": "the key of its goal"})
    text = Text(required=True, validate=validate.Length(min=1, max=2000))
    target_date = PlausibleDate(required=True)


class PlanInterventionIn(Schema):
    objective = Text(required=True, validate=KEY, metadata={"description": "the key of its objective"})
    modality = Text(required=True, validate=validate.OneOf(PLAN_MODALITIES))
    frequency = Text(required=True, validate=validate.Length(min=1, max=200))
    responsible_role = Text(required=True, validate=validate.OneOf(ROLE_NAMES))


class PlanData(Schema):
    """What a plan.version_written event records: the version as written."""

    problems = fields.List(fields.Nested(PlanProblemIn), required=True, validate=validate.Length(min=1, max=50))
    goals = fields.List(fields.Nested(PlanGoalIn), required=True, validate=validate.Length(min=1, max=100))
    objectives = fields.List(fields.Nested(PlanObjectiveIn), load_default=list, validate=validate.Length(max=200))
    interventions = fields.List(fields.Nested(PlanInterventionIn), load_default=list, validate=validate.Length(max=400))
    review_days = fields.Integer(load_default=REVIEW_DAYS, validate=validate.Range(min=1, max=365))


class PlanIn(PlanData):
    """A new version of the resident's treatment plan."""

    uid = client_uid()
    occurred_at = occurred_at()


class PlanSignIn(Schema):
    uid = client_uid()
    resident_participation = Text(required=True, validate=validate.OneOf(PARTICIPATION))
    note = Text(load_default=None, allow_none=True, validate=validate.Length(max=2000))


class PlanSignatureData(Schema):
    """What a plan.signed event records."""

    plan_uid = Text(required=True, validate=validate.Length(min=1, max=36))
    resident_participation = Text(required=True, validate=validate.OneOf(PARTICIPATION))
    note = Text(load_default=None, allow_none=True)


class PlanOut(Schema):
    """A version of the plan: its parts with the lasting ids of goals and objectives, its signature, its review."""

    id = fields.Integer()
    uid = fields.String()
    resident_id = fields.Integer()
    version = fields.Integer()
    status = fields.String(metadata={"description": "draft, in_force or superseded"})
    author = fields.String(allow_none=True)
    written_at = fields.AwareDateTime()
    review_days = fields.Integer()
    problems = fields.List(fields.Dict())
    goals = fields.List(fields.Dict())
    objectives = fields.List(fields.Dict())
    interventions = fields.List(fields.Dict())
    signed_at = fields.AwareDateTime(allow_none=True)
    resident_participation = fields.String(allow_none=True)
    next_review_due = fields.AwareDateTime(allow_none=True)
    earlier_versions = fields.List(fields.Integer())
    drafts = fields.List(fields.Integer())
