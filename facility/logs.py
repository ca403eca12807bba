"""Logging a failure that repeats on every pass once, and its recovery once."""
from __future__ import annotations

import logging

_failing: set[str] = set()


def failing_once(log: logging.Logger, key: str, message: str, *args: object) -> None:
    """Log the current exception the first time `key` fails; later failures of it only at debug level."""
    if key in _failing:
        log.debug(message, *args, exc_info=True)
        return
    _failing.add(key)
    log.exception(message, *args)


def recovered(log: logging.Logger, key: str, message: str, *args: object) -> None:
    """Say once that `key`, which was failing, works again."""
    if key in _failing:
        _failing.discard(key)
        log.warning(message, *args)
