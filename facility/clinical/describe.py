"""Clinical records in plain words, for the resident's timeline (every role reads it: no score here)."""

from __future__ import annotations

from typing import Any

from facility.clinical.instruments import label_of


def assessed(data: dict[str, Any]) -> str:
    """'PHQ-9 given (complete)' — the scores are on the assessments panel, for the roles that read them."""
    return f"{label_of(str(data.get('instrument', '')))} given ({data.get('status', 'complete')})"


def session(data: dict[str, Any]) -> str:
    """'individual session' — what took place, never what was said."""
    return f"{data.get('kind', 'therapy')} session"


def signed(_data: dict[str, Any]) -> str:
    return "session note signed"


def cosigned(_data: dict[str, Any]) -> str:
    return "session note co-signed"


def plan_written(data: dict[str, Any]) -> str:
    return f"treatment plan version written ({len(data.get('goals') or [])} goals), to be signed"


def plan_signed(data: dict[str, Any]) -> str:
    return f"treatment plan signed (resident {str(data.get('resident_participation', '')).replace('_', ' ')})"
