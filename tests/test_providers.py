"""Cloud providers over real sockets against the fake Together/HF server, fault by fault."""

from __future__ import annotations

import email.utils
import logging
import random
from decimal import Decimal

import pytest

from aideon_desktop.core.chat import GenerationParams, Message, Usage
from aideon_desktop.core.errors import ProviderHTTPError, StreamBrokenError
from aideon_desktop.core.providers.huggingface import HuggingFaceProvider, parse_hf_models
from aideon_desktop.core.providers.openai_compatible import (
    HttpProviderConfig,
    OpenAICompatibleProvider,
)
from aideon_desktop.core.providers.resilience import (
    CircuitBreaker,
    backoff_delay,
    parse_retry_after,
    with_retries,
)
from aideon_desktop.core.providers.together import TogetherProvider, parse_together_models
from tests.fake_cloud import FakeCloud
from tests.support.streams import collect_events

KEY = "tk-live-7d1f0c9a8b6e5d4c3b2a1f0e9d8c7b6a"
MESSAGES = [Message("user", "Say hello")]


def collect(events):
    deltas, usage, notices = collect_events(events)
    return "".join(deltas), usage, notices


@pytest.fixture
def together():
    with FakeCloud("together") as fake:
        yield fake


@pytest.fixture
def hf():
    with FakeCloud("huggingface") as fake:
        yield fake


def make(fake: FakeCloud, cls=TogetherProvider, read_timeout: float = 5.0, **kw):
    config = HttpProviderConfig(
        fake.flavor,
        fake.flavor.title(),
        fake.base_url,
        connect_timeout_s=2,
        read_timeout_s=read_timeout,
    )
    if cls is HuggingFaceProvider:
        return cls(config, lambda: KEY, legacy_base_url=fake.root_url, **kw)
    return cls(config, lambda: KEY)


def retrying(provider, sleeps: list[float] | None = None, messages=MESSAGES, model="m"):
    recorder = sleeps if sleeps is not None else []
    return with_retries(
        lambda: provider.stream(messages, model, GenerationParams()),
        sleep=recorder.append,
        rng=random.Random(1),
    )


def test_together_stream_reports_exact_usage(together: FakeCloud) -> None:
    text, usage, _ = collect(
        make(together).stream(MESSAGES, "meta-llama/Llama-3.2-3B-Instruct-Turbo")
    )
    assert text == "Hello from the cloud."
    assert usage == Usage(
        11,
        4,
        estimated=False,
        finish_reason="stop",
        time_to_first_token_s=usage.time_to_first_token_s,
        total_time_s=usage.total_time_s,
    )
    request = together.chat_requests()[0]
    assert (
        request["body"]["stream"] is True
        and request["body"]["model"] == "meta-llama/Llama-3.2-3B-Instruct-Turbo"
    )


def test_hf_router_usage_arrives_as_an_extra_chunk(hf: FakeCloud) -> None:
    text, usage, _ = collect(
        make(hf, HuggingFaceProvider).stream(MESSAGES, "meta-llama/Llama-3.1-8B-Instruct:cheapest")
    )
    assert text == "Hello from the cloud." and (usage.prompt_tokens, usage.completion_tokens) == (
        11,
        4,
    )
    assert hf.chat_requests()[0]["body"]["stream_options"] == {"include_usage": True}


def test_null_usage_is_estimated_and_flagged(together: FakeCloud) -> None:
    together.script({"kind": "ok", "usage": None})
    _, usage, _ = collect(make(together).stream(MESSAGES, "m"))
    assert usage.estimated is True and usage.completion_tokens > 0


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


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (401, "rejected the API key"),
        (402, "credits are exhausted"),
        (403, "refused access"),
        (404, "is not available"),
        (400, "rejected the request"),
    ],
)
def test_client_errors_are_not_retried_and_are_specific(
    together: FakeCloud, status: int, message: str
) -> None:
    together.script(
        {
            "kind": "status",
            "status": status,
            "body": {
                "error": {
                    "message": "detail",
                    "type": "invalid_request_error",
                    "param": None,
                    "code": None,
                }
            },
        }
    )
    with pytest.raises(ProviderHTTPError, match=message) as info:
        collect(retrying(make(together), []))
    assert len(together.chat_requests()) == 1 and info.value.status == status
    assert info.value.user_error == (status in (400, 404))


def test_read_timeout_is_retryable(together: FakeCloud) -> None:
    together.script({"kind": "hang", "seconds": 2.5})
    provider = make(together, read_timeout=0.5)
    text, _, notices = collect(retrying(provider, []))
    assert text == "Hello from the cloud." and "timed out" in notices[0].message


def test_stream_cut_after_tokens_keeps_the_partial(together: FakeCloud) -> None:
    together.script({"kind": "cut", "after": 2})
    with pytest.raises(StreamBrokenError) as info:
        collect(retrying(make(together), []))
    assert info.value.partial_text == "Hello from"
    assert len(together.chat_requests()) == 1, (
        "a stream that already produced text is not silently retried"
    )


@pytest.mark.parametrize(
    ("kind", "message"),
    [("malformed", "malformed stream chunk"), ("sse_error", "upstream overloaded")],
)
def test_broken_stream_payloads_are_reported(together: FakeCloud, kind: str, message: str) -> None:
    together.script(
        {"kind": kind, "words": []},
        {"kind": kind, "words": []},
        {"kind": kind, "words": []},
        {"kind": kind, "words": []},
    )
    with pytest.raises(ProviderHTTPError, match=message):
        collect(retrying(make(together), []))


def test_hf_legacy_cold_start_waits_and_tells_the_user(hf: FakeCloud) -> None:
    sleeps: list[float] = []
    provider = make(hf, HuggingFaceProvider, sleep=sleeps.append)
    hf.script_legacy(
        {"kind": "loading", "estimated_time": 20.0}, {"kind": "loading", "estimated_time": 5.0}
    )
    text, usage, notices = collect(
        provider.text_generation_stream(MESSAGES, "HuggingFaceH4/zephyr-7b-beta")
    )
    assert text == "Hello from the cloud." and usage.estimated
    assert [n.kind for n in notices] == [
        "model_loading",
        "model_loading",
    ] and "is loading" in notices[0].message
    assert sleeps == [20.0, 5.0]
    legacy = [r for r in hf.requests if r["path"].startswith("/models/")]
    assert (
        legacy[0]["body"]["inputs"].endswith("Assistant:")
        and "max_new_tokens" in legacy[0]["body"]["parameters"]
    )


def test_hf_legacy_gives_up_after_a_bounded_wait(hf: FakeCloud) -> None:
    provider = make(hf, HuggingFaceProvider, sleep=lambda s: None)
    hf.script_legacy(*[{"kind": "loading", "estimated_time": 50.0}] * 5)
    with pytest.raises(ProviderHTTPError, match="still loading"):
        collect(provider.text_generation_stream(MESSAGES, "HuggingFaceH4/zephyr-7b-beta"))


def test_models_endpoints_give_prices(together: FakeCloud, hf: FakeCloud) -> None:
    assert parse_together_models(make(together).list_models())[
        "Qwen/Qwen2.5-Coder-32B-Instruct"
    ] == (Decimal("0.8"), Decimal("0.8"))
    prices = parse_hf_models(make(hf, HuggingFaceProvider).list_models())
    assert prices["meta-llama/Llama-3.1-8B-Instruct"] == (Decimal("0.02"), Decimal("0.06"))
    assert prices["HuggingFaceH4/zephyr-7b-beta"] == (Decimal(0), Decimal(0))


def test_key_travels_only_in_the_header_and_never_in_logs(
    together: FakeCloud, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    provider = make(together)
    collect(provider.stream(MESSAGES, "m"))
    together.script({"kind": "status", "status": 401})
    with pytest.raises(ProviderHTTPError) as info:
        collect(provider.stream(MESSAGES, "m"))
    for request in together.requests:
        assert KEY not in request["path"]
        assert request["headers"]["Authorization"] == f"Bearer {KEY}"
    assert KEY not in caplog.text and KEY not in str(info.value) and KEY not in repr(info.value)


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


def test_openai_compatible_without_key_for_untrusted_server_is_clear(together: FakeCloud) -> None:
    provider = OpenAICompatibleProvider(
        HttpProviderConfig("premium", "Premium API", together.base_url), lambda: None
    )
    with pytest.raises(ProviderHTTPError, match="No API key for Premium API"):
        collect(provider.stream(MESSAGES, "gpt-4o"))
    assert together.requests == []
