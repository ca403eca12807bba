"""Logging a failure that repeats on every pass once, and its recovery once — never the failure's message."""

from __future__ import annotations

import logging
import sys

from facility.errors import log_failure

_failing: set[str] = set()


def failing_once(log: logging.Logger, key: str, message: str, *args: object) -> None:
    """Log the current exception (type and stack, not its text) the first time `key` fails; later only at debug."""
    if key in _failing:
        log.debug(message, *args)
        return
    _failing.add(key)
    error = sys.exc_info()[1]
    if error is None:
        log.error(message, *args)
    else:
        log_failure(error, message % args)


def recovered(log: logging.Logger, key: str, message: str, *args: object) -> None:
    """Say once that `key`, which was failing, works again."""
    if key in _failing:
        _failing.discard(key)
        log.warning(message, *args)
