"""Login throttling that slows guessing without locking out the person who knows the password.

Three holds, each answered 429 with the wait before the password is looked at, and each counting wrong passwords
only (a shift arriving together is never held):
- the pair (account, address): `LOGIN_ACCOUNT_LIMIT` wrong passwords, with growing waits;
- the account from anywhere: past `LOGIN_BACKOFF_AFTER` wrong passwords, each further one holds the account for
  `LOGIN_BACKOFF_SECONDS`, so guesses from many addresses come one a wait;
- the address: once it has failed on `LOGIN_RATE_LIMIT` different accounts, each further wrong password holds it
  for `LOGIN_BACKOFF_SECONDS`, so one address cannot try a password across every account quickly.
The account's and the address's holds never hold a pair that has logged in successfully (in the last
`LOGIN_KNOWN_DAYS`): the staff at their usual address are held only by their own pair's limit.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from flask import current_app
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, RateLimitItemPerDay, RateLimitItemPerSecond, parse, parse_many

from facility.extensions import limiter

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Hold:
    """A login held back: which limit, and when it frees (epoch seconds)."""

    scope: str
    free_at: float

    @property
    def seconds(self) -> int:
        """Whole seconds left to wait, at least one."""
        return max(1, math.ceil(self.free_at - time.time()))


class LoginThrottle:
    """The counters of one login attempt: its account, its address and the pair of them."""

    def __init__(self, username: str, address: str | None = None) -> None:
        self.account = username or "-"
        self.address = address or get_remote_address() or "-"
        config = current_app.config
        self.prefix = config.get("RATELIMIT_KEY_PREFIX", "")
        self.pair_limits = parse_many(config["LOGIN_ACCOUNT_LIMIT"])
        self.account_limit = parse(config["LOGIN_BACKOFF_AFTER"])
        self.address_limit = parse(config["LOGIN_RATE_LIMIT"])
        self.wait = RateLimitItemPerSecond(1, int(config["LOGIN_BACKOFF_SECONDS"]))
        self.known = RateLimitItemPerDay(1, int(config["LOGIN_KNOWN_DAYS"]))

    def _key(self, *parts: str) -> tuple[str, ...]:
        return (f"{self.prefix}login", *parts)

    @property
    def _pair(self) -> tuple[str, ...]:
        return self._key("pair", self.account, self.address)

    def _free_at(self, item: RateLimitItem, key: tuple[str, ...]) -> float | None:
        """When item's window over key reopens, or None while it still has room."""
        stats = limiter.limiter.get_window_stats(item, *key)
        return stats.reset_time if stats.remaining == 0 else None

    def held(self) -> Hold | None:
        """The longest hold on this attempt, or None when its password may be checked."""
        try:
            holds = [Hold("pair", at) for item in self.pair_limits if (at := self._free_at(item, self._pair))]
            if not self._known():
                for scope, subject in (("account", self.account), ("address", self.address)):
                    if at := self._free_at(self.wait, self._key("wait", scope, subject)):
                        holds.append(Hold(scope, at))
        except Exception:  # the limit store away: logins go on unthrottled rather than nobody logging in
            log.exception("login throttle store unavailable")
            return None
        return max(holds, key=lambda hold: hold.free_at, default=None)

    def _known(self) -> bool:
        return self._free_at(self.known, self._key("known", self.account, self.address)) is not None

    def failed(self) -> None:
        """Count a wrong password against the pair, the account and (once per account) the address."""
        hit = limiter.limiter.hit
        try:
            for item in self.pair_limits:
                hit(item, *self._pair)
            if not hit(self.account_limit, *self._key("account", self.account)):
                hit(self.wait, *self._key("wait", "account", self.account))
            first_here = type(self.address_limit)(1, self.address_limit.multiples)
            if hit(first_here, *self._key("seen", self.account, self.address)):
                hit(self.address_limit, *self._key("address", self.address))
            if self._free_at(self.address_limit, self._key("address", self.address)):
                hit(self.wait, *self._key("wait", "address", self.address))
        except Exception:
            log.exception("login throttle store unavailable")

    def succeeded(self) -> None:
        """The password was right: forget this pair's failures and remember it as known.

        The account's own count is kept: its owner logging in must not hand guessers elsewhere a fresh start.
        """
        clear = limiter.limiter.clear
        try:
            for item in self.pair_limits:
                clear(item, *self._pair)
            limiter.limiter.hit(self.known, *self._key("known", self.account, self.address))
        except Exception:
            log.exception("login throttle store unavailable")
