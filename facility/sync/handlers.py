"""The one table of record types a batch may carry: each type's input schema and use case."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from marshmallow import Schema
from sqlalchemy.orm import Session

from facility.auth.models import User
from facility.rounds import services as rounds
from facility.rounds.schemas import CheckIn

UseCase = Callable[[Session, User, dict[str, Any], datetime], tuple[Any, bool]]


@dataclass(frozen=True)
class RecordType:
    """How to load and store one type of record: the same schema and service as its own endpoint."""

    schema: type[Schema]
    service: UseCase


# medobs, adl, note and incident join here as their domains arrive.
RECORD_TYPES: dict[str, RecordType] = {
    "rounds.check": RecordType(CheckIn, rounds.record_check),
}
