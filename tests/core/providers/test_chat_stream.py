"""Reading OpenAI-style SSE chat chunks: text, usage, finish, and everything malformed."""

from __future__ import annotations

import pytest
from httpx_sse import ServerSentEvent

from aideon_desktop.core.chat import Message
from aideon_desktop.core.errors import ProviderHTTPError
from aideon_desktop.core.providers.chat_stream import ChatStreamReader, estimate_tokens


def sse(data: str, event: str = "message") -> ServerSentEvent:
    return ServerSentEvent(event=event, data=data)


def test_text_usage_and_finish_are_collected() -> None:
    reader = ChatStreamReader("Together AI")
    assert reader.feed(sse("")) == []  # keep-alive
    deltas = reader.feed(sse('{"choices":[{"delta":{"content":"Hi"},"finish_reason":null}]}'))
    assert [d.text for d in deltas] == ["Hi"] and reader.first_text_at is not None
    reader.feed(sse('{"choices":[{"delta":{},"finish_reason":"stop"}]}'))
    reader.feed(sse('{"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":1}}'))
    assert reader.feed(sse("[DONE]")) == [] and reader.finished
    reader.check_complete()
    usage = reader.final_usage([Message("user", "Say hi")])
    assert (usage.prompt_tokens, usage.completion_tokens, usage.estimated) == (9, 1, False)


def test_missing_usage_is_estimated_and_flagged() -> None:
    reader = ChatStreamReader("X")
    reader.feed(sse('{"choices":[{"delta":{"content":"Hello there"},"finish_reason":"stop"}]}'))
    usage = reader.final_usage([Message("user", "Say hello please")])
    assert usage.estimated and usage.completion_tokens == estimate_tokens("Hello there")


@pytest.mark.parametrize(
    ("data", "event", "message"),
    [
        ("{not json", "message", "malformed stream chunk"),
        ('{"error":{"message":"overloaded"}}', "message", "stream error: overloaded"),
        ('"just a string"', "error", "stream error: just a string"),
        ("[1, 2]", "message", "unexpected stream chunk"),
    ],
)
def test_bad_chunks_are_retryable_errors(data: str, event: str, message: str) -> None:
    with pytest.raises(ProviderHTTPError, match=message) as info:
        ChatStreamReader("X").feed(sse(data, event))
    assert info.value.retryable


def test_a_stream_cut_before_its_end_is_an_error_unless_cancelled() -> None:
    reader = ChatStreamReader("X")
    reader.feed(sse('{"choices":[{"delta":{"content":"Hal"}}]}'))
    with pytest.raises(ProviderHTTPError, match="before the answer was complete"):
        reader.check_complete()
    reader.cancel()
    reader.check_complete()
