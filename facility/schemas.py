"""Field types and shapes shared by every domain's schemas."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from flask import current_app, has_app_context
from marshmallow import Schema, ValidationError, fields, validate

from facility import clock

# Client times outside these years are typos or attacks; refusing them keeps all time arithmetic in range.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
# The largest id a database integer holds (SQLite and PostgreSQL bigint); beyond it nothing can exist.
MAX_ID = 2**63 - 1
# NUL cannot be stored by PostgreSQL and a lone surrogate cannot be encoded as UTF-8 by any driver.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _setting(name: str, default: int) -> int:
    return current_app.config.get(name, default) if has_app_context() else default


def scrubbed(value: str) -> str:
    """value without the characters a database cannot store (for audit targets of refused input)."""
    return _UNSTORABLE.sub("", value)


def storable(value: str) -> None:
    """Refuse text the database cannot store: NUL bytes and unpaired surrogates."""
    if _UNSTORABLE.search(value):
        raise ValidationError("contains a NUL byte or an unpaired surrogate")


class Text(fields.String):
    """A string that the database can store (no NUL byte, no lone surrogate)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        storable(text)
        return text


class Id(fields.Integer):
    """A positive database id; anything a database integer cannot hold is refused, not overflowed."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("validate", validate.Range(min=1, max=MAX_ID))
        super().__init__(**kwargs)


class PlausibleDateTime(fields.AwareDateTime):
    """A timestamp with an offset, within the years 1900–2100 in UTC and as written."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "iso")
        super().__init__(**kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            utc_year = (moment - moment.utcoffset()).year
        except OverflowError:
            utc_year = None
        if (
            utc_year is None
            or not EARLIEST_YEAR <= min(moment.year, utc_year) <= max(moment.year, utc_year) <= LATEST_YEAR
        ):
            raise ValidationError(f"must lie between the years {EARLIEST_YEAR} and {LATEST_YEAR}")
        return moment


def plausible_day(day: date) -> None:
    """Refuse a day outside the years 1900–2100: the days, months and zones reckoned around it stay in range."""
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise ValidationError(f"must lie between the years {EARLIEST_YEAR} and {LATEST_YEAR}")


class PlausibleDate(fields.Date):
    """A calendar day (YYYY-MM-DD) within the years 1900–2100."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> date:
        day = super()._deserialize(value, attr, data, **kwargs)
        plausible_day(day)
        return day


class Month(fields.String):
    """A month written YYYY-MM within the years 1900–2100, loaded as its first day."""

    default_error_messages = {"invalid": "a month as YYYY-MM, e.g. 2026-06"}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> date:
        found = re.fullmatch(r"(\d{1,4})-(\d{1,2})", super()._deserialize(value, attr, data, **kwargs))
        try:
            first = date(int(found[1]), int(found[2]), 1) if found else None
        except ValueError:
            first = None
        if first is None:
            raise self.make_error("invalid")
        plausible_day(first)
        return first


def _recent(moment: datetime) -> None:
    """Not further ahead than FUTURE_TOLERANCE_MINUTES, not older than LATE_ENTRY_LIMIT_DAYS."""
    now = clock.now()
    ahead = timedelta(minutes=_setting("FUTURE_TOLERANCE_MINUTES", 2))
    if moment > now + ahead:
        raise ValidationError(f"is more than {int(ahead.total_seconds() // 60)} minutes in the future")
    days = _setting("LATE_ENTRY_LIMIT_DAYS", 7)
    if moment < now - timedelta(days=days):
        raise ValidationError(f"is more than {days} days ago; too late to enter")


def _not_future(moment: datetime) -> None:
    """Not further ahead than FUTURE_TOLERANCE_MINUTES."""
    ahead = timedelta(minutes=_setting("FUTURE_TOLERANCE_MINUTES", 2))
    if moment > clock.now() + ahead:
        raise ValidationError(f"is more than {int(ahead.total_seconds() // 60)} minutes in the future")


def occurred_at(**kwargs: Any) -> PlausibleDateTime:
    """When something happened, by the client's clock: recent enough to enter, not in the future."""
    kwargs.setdefault("required", True)
    return PlausibleDateTime(validate=_recent, **kwargs)


def started_at(**kwargs: Any) -> PlausibleDateTime:
    """A past moment that may lie further back than a late entry (an admission being entered now)."""
    kwargs.setdefault("required", True)
    return PlausibleDateTime(validate=_not_future, **kwargs)


def query_time(**kwargs: Any) -> PlausibleDateTime:
    """A time bound of a query (since, until, from, to): any plausible moment."""
    if not kwargs.get("required"):
        kwargs.setdefault("load_default", None)
    return PlausibleDateTime(**kwargs)


def _born(day: date) -> None:
    if day.year < EARLIEST_YEAR:
        raise ValidationError(f"must not be before {EARLIEST_YEAR}")
    if day > clock.now().date() + timedelta(days=1):  # a day of slack for zones ahead of UTC
        raise ValidationError("must not be in the future")


def birth_date(**kwargs: Any) -> fields.Date:
    """A date of birth: from 1900, never in the future."""
    return fields.Date(validate=_born, **kwargs)


def client_uid(required: bool = True) -> fields.UUID:
    """The UUID a client makes for a record so that retries never duplicate it."""
    return fields.UUID(required=required)


def code_list(codes: list[str]) -> fields.List:
    """A list of known codes; unknown ones are named in the error."""
    return fields.List(Text(validate=validate.OneOf(codes)), load_default=list)


class PageQuery(Schema):
    """`after_id` and `limit` paging."""

    after_id = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_ID))
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=1000))


class CorrectionIn(Schema):
    """A void: the new uid and why."""

    uid = client_uid()
    reason = Text(required=True, validate=validate.Length(min=3, max=2000))


class NoteIn(Schema):
    """An optional note for workflow steps."""

    note = Text(load_default=None, validate=validate.Length(max=4000))
