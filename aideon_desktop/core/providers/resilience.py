"""Retries with backoff, Retry-After, and a circuit breaker per provider (and model).

The pieces are small and pure where they can be (delays, header parsing, breaker state with an
injectable clock) so they are tested without sleeping; ``with_retries`` ties them to a stream.
A retry never starts when its delay would run past the answer's deadline: the executor then
fails over (ending on the local model) instead of keeping the user waiting.
"""

from __future__ import annotations

import email.utils
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from aideon_desktop.core.chat import Notice, StreamEvent, TextDelta
from aideon_desktop.core.errors import (
    ProviderError,
    ProviderHTTPError,
    ProviderUnreachableError,
    StreamBrokenError,
)
from aideon_desktop.core.providers.deadline import Deadline

BASE_DELAY_S = 0.5
MAX_BACKOFF_S = 8.0
MAX_RETRY_AFTER_S = 60.0


def parse_retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds to wait from ``retry-after-ms``, or ``retry-after`` (seconds or an HTTP date)."""
    lowered = {k.lower(): v for k, v in headers.items()}
    ms = lowered.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000.0)
        except ValueError:
            pass
    value = lowered.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def backoff_delay(
    attempt: int, retry_after_s: float | None, rng: random.Random | None = None
) -> float:
    """Delay before retry number ``attempt`` (0-based): the server's Retry-After when it gave
    one (capped at 60 s), else 0.5 s × 2ⁿ capped at 8 s with full jitter."""
    if retry_after_s is not None:
        return min(retry_after_s, MAX_RETRY_AFTER_S)
    ceiling = min(MAX_BACKOFF_S, BASE_DELAY_S * (2**attempt))
    return (rng or random).uniform(ceiling / 2, ceiling)


BreakerState = Literal["closed", "open", "half_open"]


@dataclass
class CircuitBreaker:
    """Opens after ``failure_threshold`` failures in a row, or when at least ``min_calls`` of the
    last ``window`` calls include a failure rate above ``failure_rate``; after ``cooldown_s`` one
    probe is let through (half-open) and its outcome closes or re-opens the circuit."""

    failure_threshold: int = 5
    window: int = 20
    min_calls: int = 10
    failure_rate: float = 0.5
    cooldown_s: float = 30.0
    clock: Callable[[], float] = time.monotonic
    _state: BreakerState = "closed"
    _consecutive: int = 0
    _recent: deque[bool] = field(default_factory=deque)
    _opened_at: float = 0.0
    _probe_out: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def state(self) -> BreakerState:
        with self._lock:
            if self._state == "open" and self.clock() - self._opened_at >= self.cooldown_s:
                return "half_open"
            return self._state

    def allow(self) -> bool:
        with self._lock:
            if self._state == "closed":
                return True
            if self._state == "open" and self.clock() - self._opened_at < self.cooldown_s:
                return False
            if self._probe_out:
                return False
            self._state, self._probe_out = "half_open", True
            return True

    def record_success(self) -> None:
        with self._lock:
            self._state, self._consecutive, self._probe_out = "closed", 0, False
            self._push(True)

    def record_failure(self) -> None:
        with self._lock:
            self._consecutive += 1
            self._push(False)
            failures = sum(1 for ok in self._recent if not ok)
            too_many = (
                len(self._recent) >= self.min_calls
                and failures / len(self._recent) > self.failure_rate
            )
            if (
                self._state == "half_open"
                or self._consecutive >= self.failure_threshold
                or too_many
            ):
                self._state, self._opened_at, self._probe_out = "open", self.clock(), False

    def _push(self, ok: bool) -> None:
        self._recent.append(ok)
        while len(self._recent) > self.window:
            self._recent.popleft()


class BreakerBoard:
    """One breaker per provider and per (provider, model); visible to the UI."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._breakers: dict[str, CircuitBreaker] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> CircuitBreaker:
        with self._lock:
            if key not in self._breakers:
                self._breakers[key] = CircuitBreaker(clock=self._clock)
            return self._breakers[key]

    def allow(self, provider: str, model: str) -> bool:
        return self.get(provider).allow() and self.get(f"{provider}/{model}").allow()

    def record(self, provider: str, model: str, ok: bool) -> None:
        for key in (provider, f"{provider}/{model}"):
            breaker = self.get(key)
            breaker.record_success() if ok else breaker.record_failure()

    def states(self) -> dict[str, BreakerState]:
        with self._lock:
            return {key: breaker.state for key, breaker in self._breakers.items()}


def with_retries(
    attempt_stream: Callable[[], Iterator[StreamEvent]],
    *,
    max_attempts: int = 4,
    sleep: Callable[[float], None] = time.sleep,
    rng: random.Random | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    label: str = "provider",
    deadline: Deadline | None = None,
) -> Iterator[StreamEvent]:
    """Run ``attempt_stream`` again on retryable errors until text starts flowing.

    Once text reached the caller, a failure becomes StreamBrokenError carrying the partial
    text, for failover to decide what to do; it is never silently retried here.  No retry
    starts when its delay would end past ``deadline``, and an unreachable provider is not
    retried at all.
    """
    for attempt in range(max_attempts):
        pieces: list[str] = []
        try:
            for event in attempt_stream():
                if isinstance(event, TextDelta):
                    pieces.append(event.text)
                yield event
            return
        except StreamBrokenError:
            raise
        except ProviderError as exc:
            if pieces:
                raise StreamBrokenError(str(exc), "".join(pieces)) from exc
            delay = _retry_delay(exc, attempt, max_attempts, rng, deadline)
            if delay is None or cancelled():
                raise
            yield Notice("retrying", f"{label}: {exc} — retrying in {delay:.1f} s")
            sleep(delay)


def _retry_delay(
    exc: ProviderError,
    attempt: int,
    max_attempts: int,
    rng: random.Random | None,
    deadline: Deadline | None,
) -> float | None:
    """The wait before the next attempt, or None when there must be none."""
    if (
        not exc.retryable
        or isinstance(exc, ProviderUnreachableError)
        or attempt == max_attempts - 1
    ):
        return None
    retry_after = exc.retry_after_s if isinstance(exc, ProviderHTTPError) else None
    if retry_after is not None and retry_after > MAX_RETRY_AFTER_S:
        return None
    delay = backoff_delay(attempt, retry_after, rng)
    if deadline is not None and delay >= deadline.remaining():
        return None  # the answer's budget would be spent waiting: fail over instead
    return delay
