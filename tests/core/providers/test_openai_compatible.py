"""OpenAI-compatible streaming over real sockets against the fake cloud, fault by fault."""

from __future__ import annotations

import logging
import socket
import time

import pytest

from aideon_desktop.core.chat import GenerationParams, Usage
from aideon_desktop.core.errors import (
    ProviderHTTPError,
    ProviderUnreachableError,
    StreamBrokenError,
)
from aideon_desktop.core.providers import openai_compatible
from aideon_desktop.core.providers.deadline import Deadline
from aideon_desktop.core.providers.openai_compatible import (
    HttpProviderConfig,
    OpenAICompatibleProvider,
    mask_key,
)
from tests.fake_cloud import FakeCloud
from tests.support.providers import KEY, MESSAGES, collect, make, retrying


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


def test_answers_reuse_the_connection(together: FakeCloud) -> None:
    """Reading past [DONE] to the body's end puts the connection back in the pool: the next
    answer skips a new TCP (and, on a real cloud, TLS) handshake."""
    provider = make(together)
    for _ in range(3):
        assert collect(provider.stream(MESSAGES, "m"))[0] == "Hello from the cloud."
    ports = {request["client_port"] for request in together.chat_requests()}
    assert len(ports) == 1


def test_a_body_that_does_not_end_after_done_is_left_complete(
    together: FakeCloud, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(openai_compatible, "TAIL_WAIT_S", 0.3)
    together.script({"kind": "ok", "linger": 30})
    started = time.monotonic()
    text, usage, _ = collect(make(together, read_timeout=20).stream(MESSAGES, "m"))
    assert text == "Hello from the cloud." and usage.finish_reason == "stop"
    assert time.monotonic() - started < 5, "cut off after TAIL_WAIT_S, not the read timeout"


def test_null_usage_is_estimated_and_flagged(together: FakeCloud) -> None:
    together.script({"kind": "ok", "usage": None})
    _, usage, _ = collect(make(together).stream(MESSAGES, "m"))
    assert usage.estimated is True and usage.completion_tokens > 0


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


def test_openai_compatible_without_key_for_untrusted_server_is_clear(together: FakeCloud) -> None:
    provider = OpenAICompatibleProvider(
        HttpProviderConfig("premium", "Premium API", together.base_url), lambda: None
    )
    with pytest.raises(ProviderHTTPError, match="No API key for Premium API"):
        collect(provider.stream(MESSAGES, "gpt-4o"))
    assert together.requests == []


# ------------------------------------------------------------------ first-token deadline
# Issue 16 #8: the first-token timeout was checked only when an event arrived, so a provider
# that sent nothing, or only keep-alive comments, held the user for read_timeout × 4 attempts.
# Each fake below stalls for 30 s; the provider must give up at its 0.5 s first-token wait.
STALLS = [
    {"kind": "hang", "seconds": 30},  # no headers at all
    {"kind": "silent", "seconds": 30},  # headers, then nothing
    {"kind": "keepalive", "seconds": 30, "interval": 0.1},  # headers, then only ": keep-alive"
]


def patient(fake: FakeCloud, first_token_s: float = 0.5) -> OpenAICompatibleProvider:
    config = HttpProviderConfig(
        fake.flavor,
        fake.flavor.title(),
        fake.base_url,
        connect_timeout_s=2,
        read_timeout_s=30,
        first_token_timeout_s=first_token_s,
    )
    return OpenAICompatibleProvider(config, lambda: KEY)


@pytest.mark.parametrize("stall", STALLS, ids=[s["kind"] for s in STALLS])
def test_first_token_deadline_is_enforced_while_waiting(
    together: FakeCloud, stall: dict[str, object]
) -> None:
    together.script(stall)
    started = time.monotonic()
    with pytest.raises(ProviderHTTPError, match="sent no answer within") as info:
        collect(patient(together).stream(MESSAGES, "m"))
    waited = time.monotonic() - started
    assert info.value.retryable
    assert waited < 10, f"waited {waited:.1f} s for a 0.5 s first-token deadline (stall: 30 s)"


@pytest.mark.parametrize("stall", STALLS, ids=[s["kind"] for s in STALLS])
def test_the_answer_budget_cuts_the_first_token_wait_shorter(
    together: FakeCloud, stall: dict[str, object]
) -> None:
    together.script(stall)
    params = GenerationParams(deadline=Deadline.after(0.5))
    started = time.monotonic()
    with pytest.raises(ProviderHTTPError, match="sent no answer within"):
        collect(patient(together, first_token_s=60).stream(MESSAGES, "m", params))
    assert time.monotonic() - started < 10  # the provider alone would have waited 60 s


def test_after_the_first_token_slow_chunks_are_not_cut(together: FakeCloud) -> None:
    # 0.8 s between words, longer than the 0.5 s first-token wait: once text flows, only the
    # (30 s) read timeout applies.
    together.script({"kind": "ok", "delay": 0.8})
    text, usage, _ = collect(patient(together).stream(MESSAGES, "m"))
    assert text == "Hello from the cloud." and usage.finish_reason == "stop"


def test_a_spent_budget_sends_nothing(together: FakeCloud) -> None:
    params = GenerationParams(deadline=Deadline(0.0))
    with pytest.raises(ProviderHTTPError, match="budget is spent"):
        collect(make(together).stream(MESSAGES, "m", params))
    assert together.requests == []


def test_connection_refused_is_unreachable_and_not_retried() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again below: connections are refused
    config = HttpProviderConfig("together", "Together AI", f"http://127.0.0.1:{port}/v1")
    sleeps: list[float] = []
    with pytest.raises(ProviderUnreachableError, match="Could not connect to Together AI"):
        collect(retrying(OpenAICompatibleProvider(config, lambda: KEY), sleeps))
    assert sleeps == []


# ------------------------------------------------------------------ keys echoed in errors
# Issue 16 #5: a provider that echoes the key ("Key sk-… has no access") must never get it
# shown.  Every error shape the fake can produce, with the key in it.
ECHOES = {
    "json error object": {
        "kind": "status",
        "status": 403,
        "body": {"error": {"message": "Key {key} has no access", "type": "auth"}},
    },
    "json error string": {"kind": "status", "status": 400, "body": {"error": "bad key {key}"}},
    "plain text body": {"kind": "status", "status": 500, "text": "upstream rejected {key}"},
    "sse error event": {"kind": "sse_error", "words": [], "message": "key {key} revoked"},
}


@pytest.mark.parametrize("behaviour", ECHOES.values(), ids=ECHOES.keys())
def test_a_key_echoed_in_an_error_is_never_shown(
    together: FakeCloud, behaviour: dict[str, object]
) -> None:
    together.script(*[behaviour] * 4)
    with pytest.raises(ProviderHTTPError) as info:
        collect(retrying(make(together), []))
    shown = f"{info.value} {info.value!r}"
    assert KEY not in shown and KEY[8:24] not in shown and "[REDACTED]" in shown


def test_a_key_shaped_value_the_app_never_read_is_masked_too() -> None:
    other = "sk-proj-" + "A1b2C3d4" * 4
    assert mask_key(f"Key {other} has no access") == "Key [REDACTED] has no access"
    assert mask_key("hf_" + "x" * 30) == "[REDACTED]"
    assert mask_key("Model org/model-7b not found (404)") == "Model org/model-7b not found (404)"
