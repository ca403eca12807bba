"""The incidents and episodes sections of the handoff."""
from __future__ import annotations

from typing import Any

from facility.handoff.contribution import Contribution


def gather_incidents(session, unit, window) -> Any:
    return {}


def gather_episodes(session, unit, window) -> Any:
    return {}


def incidents(facts) -> Contribution:
    return Contribution("incidents", {})


def episodes(facts) -> Contribution:
    return Contribution("episodes", {})
