"""Retries, Retry-After and circuit breakers."""

from __future__ import annotations

import email.utils
import random

import pytest

from aideon_desktop.core.chat import GenerationParams
from aideon_desktop.core.errors import ProviderHTTPError, ProviderUnreachableError
from aideon_desktop.core.providers.deadline import Deadline
from aideon_desktop.core.providers.resilience import (
    CircuitBreaker,
    backoff_delay,
    parse_retry_after,
    with_retries,
)
from tests.fake_cloud import FakeCloud
from tests.support.clocks import SleepingClock
from tests.support.providers import MESSAGES, collect, make, retrying


def test_429_with_retry_after_ms_is_retried_after_that_wait(together: FakeCloud) -> None:
    together.script(
        {
            "kind": "status",
            "status": 429,
            "headers": {"retry-after-ms": "1500", "x-ratelimit-remaining": "0"},
            "body": {
                "error": {
                    "message": "rate limit",
                    "type": "rate_limit",
                    "param": None,
                    "code": None,
                }
            },
        }
    )
    sleeps: list[float] = []
    text, usage, notices = collect(retrying(make(together), sleeps))
    assert text == "Hello from the cloud." and sleeps == [1.5]
    assert notices and "retrying" in notices[0].message and len(together.chat_requests()) == 2


def test_503_and_500_back_off_exponentially_then_succeed(together: FakeCloud) -> None:
    together.script(
        {"kind": "status", "status": 503},
        {"kind": "status", "status": 500},
        {"kind": "status", "status": 502},
    )
    sleeps: list[float] = []
    text, _, _ = collect(retrying(make(together), sleeps))
    assert text == "Hello from the cloud."
    assert len(sleeps) == 3
    assert 0.25 <= sleeps[0] <= 0.5 and 0.5 <= sleeps[1] <= 1.0 and 1.0 <= sleeps[2] <= 2.0


def test_retries_are_bounded(together: FakeCloud) -> None:
    together.script(*[{"kind": "status", "status": 500}] * 6)
    with pytest.raises(ProviderHTTPError, match="HTTP 500"):
        collect(retrying(make(together), []))
    assert len(together.chat_requests()) == 4


def test_parse_retry_after_forms() -> None:
    assert parse_retry_after({"Retry-After": "7"}) == 7.0
    assert parse_retry_after({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    now = email.utils.parsedate_to_datetime("Wed, 25 Nov 2026 10:00:00 GMT").timestamp()
    assert parse_retry_after(
        {"Retry-After": "Wed, 25 Nov 2026 10:00:30 GMT"}, now=now
    ) == pytest.approx(30.0)
    assert parse_retry_after({"Retry-After": "soon"}) is None
    assert backoff_delay(10, None, random.Random(0)) <= 8.0 and backoff_delay(0, 120.0) == 60.0


def test_circuit_breaker_opens_probes_and_closes() -> None:
    now = [0.0]
    breaker = CircuitBreaker(failure_threshold=3, cooldown_s=30, clock=lambda: now[0])
    for _ in range(3):
        assert breaker.allow()
        breaker.record_failure()
    assert breaker.state == "open" and not breaker.allow()
    now[0] = 31
    assert (
        breaker.state == "half_open" and breaker.allow() and not breaker.allow()
    )  # one probe only
    breaker.record_failure()
    assert breaker.state == "open"
    now[0] = 62
    assert breaker.allow()
    breaker.record_success()
    assert breaker.state == "closed"


def test_circuit_breaker_opens_on_failure_rate() -> None:
    breaker = CircuitBreaker(failure_threshold=100, window=10, min_calls=10, failure_rate=0.5)
    for i in range(10):
        breaker.record_success() if i % 3 == 1 else breaker.record_failure()
    assert breaker.state == "open"


def test_no_retry_starts_that_would_end_past_the_deadline(together: FakeCloud) -> None:
    rate_limited = {
        "kind": "status",
        "status": 429,
        "headers": {"retry-after": "20"},
        "body": {"error": {"message": "slow down", "type": "rate_limit"}},
    }
    together.script(*[rate_limited] * 4)
    clock = SleepingClock()
    events = with_retries(
        lambda: make(together).stream(MESSAGES, "m", GenerationParams()),
        sleep=clock.sleep,
        deadline=Deadline.after(30.0, clock),
    )
    with pytest.raises(ProviderHTTPError, match="rate-limiting"):
        collect(events)
    # One 20 s wait fits in 30 s; a second would end at 40 s, so the answer fails over instead.
    assert clock.sleeps == [20.0] and len(together.chat_requests()) == 2


def test_an_unreachable_provider_is_not_retried() -> None:
    calls: list[int] = []

    def attempt():
        calls.append(1)
        raise ProviderUnreachableError("Could not connect to Together AI (ConnectError).")
        yield  # pragma: no cover - makes this a generator

    sleeps: list[float] = []
    with pytest.raises(ProviderUnreachableError):
        collect(with_retries(attempt, sleep=sleeps.append))
    assert calls == [1] and sleeps == []
