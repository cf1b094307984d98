"""OpenAI-compatible streaming over real sockets against the fake cloud, fault by fault."""

from __future__ import annotations

import logging

import pytest

from aideon_desktop.core.chat import Usage
from aideon_desktop.core.errors import ProviderHTTPError, StreamBrokenError
from aideon_desktop.core.providers.openai_compatible import (
    HttpProviderConfig,
    OpenAICompatibleProvider,
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
