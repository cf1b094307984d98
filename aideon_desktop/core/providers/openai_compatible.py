"""OpenAI-compatible chat completions over HTTP: Together AI, the Hugging Face router, a premium
API, or a server on the user's own network (llama-server, vLLM, Ollama).

Streams Server-Sent Events with httpx-sse and asks for usage in the stream; when a provider
reports none, usage is estimated and flagged as such.  The key is read at the moment of use
and only ever travels in the Authorization header.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
from httpx_sse import SSEError, connect_sse

from aideon_desktop.core.chat import GenerationParams, Message, StreamEvent
from aideon_desktop.core.errors import ProviderHTTPError
from aideon_desktop.core.providers.chat_stream import ChatStreamReader
from aideon_desktop.core.providers.registry import BuildContext, ProviderSpec
from aideon_desktop.core.providers.resilience import parse_retry_after

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HttpProviderConfig:
    name: str
    display_name: str
    base_url: str
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 120.0
    first_token_timeout_s: float = 60.0
    trusted: bool = False  # "my own hardware": may receive private prompts
    needs_key: bool = True
    send_stream_options: bool = True


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except (ValueError, json.JSONDecodeError):
        return response.text[:200].strip() or response.reason_phrase
    detail: Any = body.get("error", body) if isinstance(body, dict) else body
    if isinstance(detail, dict):
        detail = detail.get("message") or json.dumps(detail)[:200]
    return str(detail)[:300]


def http_error(display: str, model: str, response: httpx.Response) -> ProviderHTTPError:
    """Map an HTTP error to a specific, user-readable error with retry information."""
    status, detail = response.status_code, _detail(response)
    retry_after = parse_retry_after(response.headers)
    messages = {
        400: (f"{display} rejected the request (400): {detail}", False, True),
        401: (
            f"{display} rejected the API key (401). Check it in Settings → API keys.",
            False,
            False,
        ),
        402: (f"Your {display} credits are exhausted (402): {detail}", False, False),
        403: (f"{display} refused access to {model} (403): {detail}", False, False),
        404: (f"Model {model} is not available on {display} (404): {detail}", False, True),
        413: (f"The prompt is too large for {model} on {display} (413).", False, True),
        422: (f"{display} could not process the request (422): {detail}", False, True),
        429: (f"{display} is rate-limiting requests (429): {detail}", True, False),
    }
    if status in messages:
        message, retryable, user_error = messages[status]
    else:
        message, retryable, user_error = (
            f"{display} answered HTTP {status}: {detail}",
            status >= 500 or status == 408,
            False,
        )
    return ProviderHTTPError(
        message,
        status=status,
        retryable=retryable,
        retry_after_s=retry_after,
        user_error=user_error,
    )


def http_config(spec: ProviderSpec, ctx: BuildContext) -> HttpProviderConfig:
    """A registry row plus its settings section: where and how to reach the provider."""
    section = ctx.settings.provider(spec.name)
    return HttpProviderConfig(
        spec.name,
        spec.display_name,
        section.base_url,
        section.connect_timeout_seconds,
        section.read_timeout_seconds,
        section.first_token_timeout_seconds,
        trusted=spec.trusted or (spec.kind == "network" and section.trusted),
        needs_key=spec.needs_key,
    )


class OpenAICompatibleProvider:
    """One pooled httpx client per provider."""

    @classmethod
    def build(cls, spec: ProviderSpec, ctx: BuildContext) -> OpenAICompatibleProvider:
        """The provider for a registry row (``registry.ProviderSpec``) and the settings."""
        return cls(http_config(spec, ctx), ctx.get_key)

    def __init__(
        self,
        config: HttpProviderConfig,
        get_key: Callable[[], str | None],
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.config = config
        self.name = config.name
        self.trusted = config.trusted
        self._get_key = get_key
        self._client = httpx.Client(
            base_url=config.base_url.rstrip("/") + "/",
            timeout=httpx.Timeout(config.read_timeout_s, connect=config.connect_timeout_s),
            transport=transport,
            limits=httpx.Limits(max_keepalive_connections=8, max_connections=16),
        )

    def close(self) -> None:
        self._client.close()

    def _headers(self) -> dict[str, str]:
        key = self._get_key()
        if not key and self.config.needs_key:
            raise ProviderHTTPError(
                f"No API key for {self.config.display_name}. Add one in Settings → API keys.",
                status=401,
            )
        return {"Authorization": f"Bearer {key}"} if key else {}

    # -------------------------------------------------------------------- models
    def list_models(self) -> Any:
        """``GET /models`` — also the cheap health probe."""
        try:
            response = self._client.get(
                "models", headers=self._headers(), timeout=self.config.connect_timeout_s + 5
            )
        except httpx.HTTPError as exc:
            raise ProviderHTTPError(
                f"Could not reach {self.config.display_name}: {type(exc).__name__}", retryable=True
            ) from None
        if response.status_code >= 400:
            raise http_error(self.config.display_name, "(models)", response)
        try:
            return response.json()
        except (ValueError, json.JSONDecodeError):
            raise ProviderHTTPError(
                f"{self.config.display_name} sent an unreadable model list.", retryable=True
            ) from None

    # -------------------------------------------------------------------- stream
    def _body(
        self, messages: list[Message], model: str, params: GenerationParams
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": model,
            "messages": [m.as_dict() for m in messages],
            "stream": True,
        }
        if self.config.send_stream_options:
            body["stream_options"] = {"include_usage": True}
        if params.max_tokens:
            body["max_tokens"] = params.max_tokens
        if params.temperature is not None:
            body["temperature"] = params.temperature
        return body

    def stream(
        self, messages: list[Message], model: str, params: GenerationParams | None = None
    ) -> Iterator[StreamEvent]:
        params = params or GenerationParams()
        display = self.config.display_name
        headers = self._headers()
        reader = ChatStreamReader(display)
        try:
            with connect_sse(
                self._client,
                "POST",
                "chat/completions",
                json=self._body(messages, model, params),
                headers=headers,
            ) as source:
                self._check_response(source.response, model)
                for event in source.iter_sse():
                    if params.cancel.is_set():
                        reader.cancel()
                        break
                    self._check_first_token(reader)
                    yield from reader.feed(event)
                    if reader.finished and event.data.strip() == "[DONE]":
                        break
        except httpx.TimeoutException as exc:
            raise ProviderHTTPError(
                f"{display} timed out ({type(exc).__name__}).", retryable=True
            ) from None
        except (httpx.TransportError, SSEError) as exc:
            raise ProviderHTTPError(
                f"Connection to {display} failed ({type(exc).__name__}).", retryable=True
            ) from None
        reader.check_complete()
        yield reader.final_usage(messages)

    def _check_response(self, response: httpx.Response, model: str) -> None:
        display = self.config.display_name
        if response.status_code >= 400:
            response.read()
            raise http_error(display, model, response)
        content_type = response.headers.get("content-type", "")
        if "text/event-stream" not in content_type:
            response.read()
            raise ProviderHTTPError(
                f"{display} answered with {content_type or 'no content type'} instead of a stream.",
                retryable=True,
            )

    def _check_first_token(self, reader: ChatStreamReader) -> None:
        limit = self.config.first_token_timeout_s
        if reader.first_text_at is None and time.perf_counter() - reader.started > limit:
            raise ProviderHTTPError(
                f"{self.config.display_name} sent no answer within {limit:.0f} s.", retryable=True
            )
