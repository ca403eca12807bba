"""Shapes of the medication API: orders, stops, observations, follow-ups, the med pass."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from facility.medobs.codes import EFFECTS, HELD, OUTCOMES, ROUTES
from facility.schemas import Month, PlausibleDate, client_uid, occurred_at
from facility.timeutil import parse_hhmm

# Ids the database can hold: a bigger number is a 422 naming the field, never a 500.
ID_RANGE = validate.Range(min=1, max=2**63 - 1)


def _hhmm(text: str) -> None:
    try:
        parse_hhmm(text)
    except ValueError:
        raise ValidationError("a local time as HH:MM, e.g. 08:00") from None


class OrderData(Schema):
    """What a medication.ordered event records (and what an amendment of one may set)."""

    medication = fields.String(required=True, validate=validate.Length(min=1, max=120))
    strength = fields.String(required=True, validate=validate.Length(min=1, max=60))
    dose = fields.String(required=True, validate=validate.Length(min=1, max=60))
    route = fields.String(required=True, validate=validate.OneOf(ROUTES))
    times = fields.List(fields.String(validate=_hhmm), load_default=list, validate=validate.Length(max=12))
    prn = fields.Boolean(load_default=False)
    prn_indication = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=3, max=200))
    prn_max_per_24h = fields.Integer(
        load_default=None, allow_none=True, strict=True, validate=validate.Range(min=1, max=24)
    )
    start_date = fields.Date(required=True)
    end_date = fields.Date(load_default=None, allow_none=True)
    instructions = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))

    @validates_schema
    def scheduled_or_prn(self, data, **_kwargs):
        """A scheduled order names its times; a PRN order its indication and 24-hour maximum."""
        errors: dict[str, list[str]] = {}
        if data.get("prn"):
            if not data.get("prn_indication"):
                errors["prn_indication"] = ["required for a PRN order (what it is given for)"]
            if not data.get("prn_max_per_24h"):
                errors["prn_max_per_24h"] = ["required for a PRN order (the most doses in 24 hours)"]
            if data.get("times"):
                errors["times"] = ["a PRN order has no scheduled times"]
        elif not data.get("times"):
            errors["times"] = ["at least one scheduled time, or prn: true"]
        if len(set(data.get("times") or [])) != len(data.get("times") or []):
            errors.setdefault("times", []).append("each time once")
        end, start = data.get("end_date"), data.get("start_date")
        if end is not None and start is not None and end < start:
            errors["end_date"] = ["must not be before start_date"]
        if errors:
            raise ValidationError(errors)


class OrderIn(OrderData):
    """An order as a nurse enters it."""

    uid = client_uid()
    resident_id = fields.Integer(required=True, strict=True, validate=ID_RANGE)


class StopData(Schema):
    """What a medication.stopped event records."""

    order_id = fields.Integer(required=True, strict=True, validate=ID_RANGE)
    reason = fields.String(required=True, validate=validate.Length(min=3, max=500))


class StopIn(Schema):
    """Stopping an order: from occurred_at (default now) its doses leave the med pass."""

    uid = client_uid()
    reason = fields.String(required=True, validate=validate.Length(min=3, max=500))
    occurred_at = fields.AwareDateTime(format="iso", load_default=None)


class ObservationData(Schema):
    """What a medobs.observed event records (and what an amendment of one may set)."""

    order_id = fields.Integer(required=True, strict=True, validate=ID_RANGE)
    scheduled_for = fields.AwareDateTime(format="iso", load_default=None, allow_none=True)
    outcome = fields.String(required=True, validate=validate.OneOf(OUTCOMES))
    held_reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500))
    # Why a scheduled dose is observed after its window closed; the server asks for it (see services).
    late_reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500))
    prn_indication = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))
    side_effects = fields.List(
        fields.String(validate=validate.Length(min=1, max=200)), load_default=list, validate=validate.Length(max=20)
    )
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))

    @validates_schema
    def reason_when_held(self, data, **_kwargs):
        """A held dose says why it was held."""
        if data.get("outcome") == HELD and not (data.get("held_reason") or "").strip():
            raise ValidationError("required when the dose is held: say why", "held_reason")


class ObservationIn(ObservationData):
    """An observation as the tablet sends it: the resident took (or did not take) it, the caller witnessed."""

    uid = client_uid()
    resident_id = fields.Integer(required=True, strict=True, validate=ID_RANGE)
    occurred_at = occurred_at()


class FollowupData(Schema):
    """What a medobs.prn_followup event records: how well a PRN dose worked."""

    observation_uid = fields.UUID(required=True)
    effect = fields.String(required=True, validate=validate.OneOf(EFFECTS))
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))


class FollowupIn(FollowupData):
    uid = client_uid()
    resident_id = fields.Integer(required=True, strict=True, validate=ID_RANGE)
    occurred_at = occurred_at()


class MedPassQuery(Schema):
    date = PlausibleDate(load_default=None, metadata={"description": "YYYY-MM-DD, local; today when absent"})


class MorQuery(Schema):
    month = Month(load_default=None, metadata={"description": "YYYY-MM; this month when absent"})


class ResidentQuery(Schema):
    resident_id = fields.Integer(required=True, validate=ID_RANGE)
    include_stopped = fields.Boolean(load_default=False)


class OrderOut(Schema):
    """An order as it stands, with the resident's allergies beside it."""

    id = fields.Integer()
    uid = fields.String()
    resident_id = fields.Integer()
    display_name = fields.String()
    allergies = fields.List(fields.String())
    medication = fields.String()
    strength = fields.String()
    dose = fields.String()
    route = fields.String()
    times = fields.List(fields.String())
    prn = fields.Boolean()
    prn_indication = fields.String(allow_none=True)
    prn_max_per_24h = fields.Integer(allow_none=True)
    start_date = fields.Date()
    end_date = fields.Date(allow_none=True)
    instructions = fields.String(allow_none=True)
    ordered_at = fields.AwareDateTime()
    status = fields.String()
    stopped_at = fields.AwareDateTime(allow_none=True)
    stop_reason = fields.String(allow_none=True)
    description = fields.String(
        metadata={"description": "the order in words: 'Sertraline 50 mg, 1 tablet by mouth, 08:00 daily'"}
    )


class ObservationOut(Schema):
    """A stored observation."""

    id = fields.Integer()
    uid = fields.String()
    resident_id = fields.Integer()
    order_id = fields.Integer()
    scheduled_for = fields.AwareDateTime(allow_none=True)
    occurred_at = fields.AwareDateTime()
    outcome = fields.String()
    held_reason = fields.String(allow_none=True)
    late_reason = fields.String(allow_none=True)
    prn_indication = fields.String(allow_none=True)
    side_effects = fields.List(fields.String())
    note = fields.String(allow_none=True)
    witness_id = fields.Integer()
    witness = fields.String(allow_none=True)
    witness_role = fields.String(allow_none=True)
    recorded_at = fields.AwareDateTime()
    late_entry = fields.Boolean()
    followup_due_at = fields.AwareDateTime(allow_none=True)
    followup_at = fields.AwareDateTime(allow_none=True)
    followup_effect = fields.String(allow_none=True)


class FollowupOut(Schema):
    id = fields.Integer()
    uid = fields.String()
    resident_id = fields.Integer()
    occurred_at = fields.AwareDateTime()
    observation_uid = fields.Function(lambda e: e.data.get("observation_uid"))
    effect = fields.Function(lambda e: e.data.get("effect"))
    recorded_at = fields.AwareDateTime()


class _MedicationShown(Schema):
    """What every dose line shows: who (with allergies) and what."""

    order_id = fields.Integer()
    resident_id = fields.Integer()
    display_name = fields.String()
    room = fields.String()
    allergies = fields.List(fields.String())
    medication = fields.String()
    strength = fields.String()
    dose = fields.String()
    route = fields.String()
    instructions = fields.String(allow_none=True)


class DoseOut(_MedicationShown):
    """One scheduled dose on the med pass."""

    time = fields.String()
    scheduled_for = fields.AwareDateTime()
    window_start = fields.AwareDateTime()
    window_end = fields.AwareDateTime()
    status = fields.String()
    observation = fields.Nested(ObservationOut, allow_none=True)


class PrnOut(_MedicationShown):
    """A PRN order on the med pass: how many given in the last 24 h and the follow-ups waiting."""

    prn_indication = fields.String()
    prn_max_per_24h = fields.Integer()
    given_last_24h = fields.Integer()
    next_allowed_at = fields.AwareDateTime(allow_none=True)
    followups_due = fields.List(fields.Nested(ObservationOut))


class MedPassOut(Schema):
    unit_id = fields.Integer()
    date = fields.Date()
    timezone = fields.String()
    now = fields.AwareDateTime()
    window_minutes = fields.Integer()
    doses = fields.List(fields.Nested(DoseOut))
    prn = fields.List(fields.Nested(PrnOut))
