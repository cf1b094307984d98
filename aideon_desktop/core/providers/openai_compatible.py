"""OpenAI-compatible chat completions over HTTP (Together AI, the HF router, premium APIs).

Streams Server-Sent Events with httpx-sse; asks for usage in the stream and reports it, or an
estimate flagged as such when the provider sends none.  The key is read at the moment of use
and only ever travels in the Authorization header.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
from httpx_sse import SSEError, connect_sse

from aideon_desktop.core.chat import GenerationParams, Message, StreamEvent, TextDelta, Usage
from aideon_desktop.core.errors import ProviderError


@dataclass(frozen=True)
class HttpProviderConfig:
    name: str
    display_name: str
    base_url: str
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 120.0


def estimate_tokens(text: str) -> int:
    """Rough count (≈4 characters per token) used only when a provider reports no usage."""
    return max(1, (len(text) + 3) // 4)


def _error_message(display: str, model: str, response: httpx.Response) -> str:
    try:
        body = response.json()
        detail = body.get("error", body) if isinstance(body, dict) else body
        if isinstance(detail, dict):
            detail = detail.get("message") or json.dumps(detail)[:200]
    except (ValueError, json.JSONDecodeError):
        detail = response.text[:200]
    status = response.status_code
    if status == 401:
        return f"{display} rejected the API key (401). Check it in Settings → API keys."
    if status == 402:
        return f"Your {display} credits are exhausted (402): {detail}"
    if status == 403:
        return f"{display} refused access to {model} (403): {detail}"
    if status == 404:
        return f"Model {model} is not available on {display} (404): {detail}"
    if status == 429:
        return f"{display} is rate-limiting requests (429): {detail}"
    return f"{display} answered HTTP {status}: {detail}"


class OpenAICompatibleProvider:
    def __init__(self, config: HttpProviderConfig, get_key: Callable[[], str | None]) -> None:
        self.config = config
        self.name = config.name
        self._get_key = get_key
        self._client = httpx.Client(
            base_url=config.base_url.rstrip("/") + "/",
            timeout=httpx.Timeout(config.read_timeout_s, connect=config.connect_timeout_s),
        )

    def close(self) -> None:
        self._client.close()

    def stream(
        self, messages: list[Message], model: str, params: GenerationParams | None = None
    ) -> Iterator[StreamEvent]:
        params = params or GenerationParams()
        key = self._get_key()
        if not key:
            raise ProviderError(
                f"No API key for {self.config.display_name}. Add one in Settings → API keys."
            )
        body: dict[str, object] = {
            "model": model,
            "messages": [m.as_dict() for m in messages],
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        if params.max_tokens:
            body["max_tokens"] = params.max_tokens
        if params.temperature is not None:
            body["temperature"] = params.temperature
        started = time.perf_counter()
        first: float | None = None
        pieces: list[str] = []
        usage: dict[str, int] | None = None
        finish = "stop"
        try:
            with connect_sse(
                self._client,
                "POST",
                "chat/completions",
                json=body,
                headers={"Authorization": f"Bearer {key}"},
            ) as source:
                if source.response.status_code >= 400:
                    source.response.read()
                    raise ProviderError(
                        _error_message(self.config.display_name, model, source.response),
                        retryable=source.response.status_code in (408, 429)
                        or source.response.status_code >= 500,
                    )
                for event in source.iter_sse():
                    if params.cancel.is_set():
                        finish = "cancelled"
                        break
                    if event.data.strip() == "[DONE]":
                        break
                    try:
                        chunk = json.loads(event.data)
                    except json.JSONDecodeError as exc:
                        raise ProviderError(
                            f"{self.config.display_name} sent a malformed stream chunk.",
                            retryable=True,
                        ) from exc
                    if event.event == "error" or "error" in chunk:
                        detail = chunk.get("error", chunk)
                        message = detail.get("message") if isinstance(detail, dict) else str(detail)
                        raise ProviderError(
                            f"{self.config.display_name} stream error: {message}", retryable=True
                        )
                    if chunk.get("usage"):
                        usage = chunk["usage"]
                    for choice in chunk.get("choices") or []:
                        text = (choice.get("delta") or {}).get("content") or ""
                        if text:
                            first = first or time.perf_counter()
                            pieces.append(text)
                            yield TextDelta(text)
                        if choice.get("finish_reason"):
                            finish = choice["finish_reason"]
        except (httpx.TimeoutException, httpx.TransportError, SSEError) as exc:
            raise ProviderError(
                f"Could not reach {self.config.display_name}: {type(exc).__name__}", retryable=True
            ) from None
        ended = time.perf_counter()
        if usage:
            yield Usage(
                int(usage.get("prompt_tokens") or 0),
                int(usage.get("completion_tokens") or 0),
                finish_reason=finish,
                time_to_first_token_s=first and first - started,
                total_time_s=ended - started,
            )
        else:
            prompt_text = "".join(m.content for m in messages)
            yield Usage(
                estimate_tokens(prompt_text),
                estimate_tokens("".join(pieces)) if pieces else 0,
                estimated=True,
                finish_reason=finish,
                time_to_first_token_s=first and first - started,
                total_time_s=ended - started,
            )
