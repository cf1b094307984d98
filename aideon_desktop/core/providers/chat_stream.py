"""Reading an OpenAI-style chat completion stream (Server-Sent Events), chunk by chunk.

The reader keeps what the final Usage needs: the text so far, the provider's usage report (if
any), the finish reason, and when the first text arrived.  Anything malformed becomes a
retryable ProviderHTTPError naming the provider.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from httpx_sse import ServerSentEvent

from aideon_desktop.core.chat import Message, TextDelta, Usage
from aideon_desktop.core.errors import ProviderHTTPError


def estimate_tokens(text: str) -> int:
    """Rough count (≈4 characters per token), used only when a provider reports no usage."""
    return max(1, (len(text) + 3) // 4) if text else 0


@dataclass
class ChatStreamReader:
    display: str
    mask: Callable[[str], str] = str  # makes a provider's own words safe to show (keys masked)
    started: float = field(default_factory=time.perf_counter)
    first_text_at: float | None = None
    pieces: list[str] = field(default_factory=list)
    usage: dict[str, Any] | None = None
    finish: str = "stop"
    finished: bool = False  # saw [DONE] or a finish_reason: the stream was not cut off

    def feed(self, event: ServerSentEvent) -> list[TextDelta]:
        """The text deltas in one event (none for keep-alives, usage-only chunks and [DONE])."""
        data = event.data.strip()
        if not data:
            return []
        if data == "[DONE]":
            self.finished = True
            return []
        chunk = self._parse(data, event.event)
        if chunk.get("usage"):
            self.usage = chunk["usage"]
        deltas = []
        for choice in chunk.get("choices") or []:
            text = (choice.get("delta") or {}).get("content") or ""
            if text:
                self.first_text_at = self.first_text_at or time.perf_counter()
                self.pieces.append(text)
                deltas.append(TextDelta(text))
            if choice.get("finish_reason"):
                self.finish, self.finished = choice["finish_reason"], True
        return deltas

    def _parse(self, data: str, event_name: str) -> dict[str, Any]:
        try:
            chunk = json.loads(data)
        except json.JSONDecodeError:
            raise ProviderHTTPError(
                f"{self.display} sent a malformed stream chunk.", retryable=True
            ) from None
        if event_name == "error" or (isinstance(chunk, dict) and chunk.get("error")):
            detail = chunk.get("error", chunk) if isinstance(chunk, dict) else chunk
            message = detail.get("message") if isinstance(detail, dict) else str(detail)
            raise ProviderHTTPError(
                self.mask(f"{self.display} stream error: {message}"), retryable=True
            )
        if not isinstance(chunk, dict):
            raise ProviderHTTPError(
                f"{self.display} sent an unexpected stream chunk.", retryable=True
            )
        return chunk

    def cancel(self) -> None:
        self.finish = "cancelled"

    def check_complete(self) -> None:
        if self.finish != "cancelled" and not self.finished:
            raise ProviderHTTPError(
                f"{self.display} closed the stream before the answer was complete.", retryable=True
            )

    def final_usage(self, messages: list[Message]) -> Usage:
        """The provider's own counts, or an estimate flagged as such."""
        ended = time.perf_counter()
        ttft = None if self.first_text_at is None else self.first_text_at - self.started
        usage = self.usage
        if usage and usage.get("prompt_tokens") is not None:
            return Usage(
                int(usage.get("prompt_tokens") or 0),
                int(usage.get("completion_tokens") or 0),
                finish_reason=self.finish,
                time_to_first_token_s=ttft,
                total_time_s=ended - self.started,
            )
        prompt_text = "\n".join(m.content for m in messages)
        return Usage(
            estimate_tokens(prompt_text),
            estimate_tokens("".join(self.pieces)),
            estimated=True,
            finish_reason=self.finish,
            time_to_first_token_s=ttft,
            total_time_s=ended - self.started,
        )
