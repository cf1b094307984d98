"""OpenAI-compatible chat completions over HTTP: Together AI, the Hugging Face router, a premium
API, or a server on the user's own network (llama-server, vLLM, Ollama).

Streams Server-Sent Events with httpx-sse and asks for usage in the stream; when a provider
reports none, usage is estimated and flagged as such.  The key is read at the moment of use
and only ever travels in the Authorization header; a provider that echoes it in an error
never gets it shown (``mask_key``).

The first token has a real deadline: the provider's first-token timeout, or less when the
answer's time budget (``params.deadline``) ends sooner.  Waiting for the connection and the
response headers is bounded by socket timeouts cut to that deadline; waiting for the first
text after the headers by the watchdog, which shuts the socket at the deadline however many
keep-alive comments the provider sends meanwhile.
"""

from __future__ import annotations

import json
import logging
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
from httpx_sse import SSEError, connect_sse

from aideon_desktop.core.chat import GenerationParams, Message, StreamEvent
from aideon_desktop.core.errors import ProviderHTTPError, ProviderUnreachableError
from aideon_desktop.core.logs import MASK, mask_secrets
from aideon_desktop.core.providers.chat_stream import ChatStreamReader
from aideon_desktop.core.providers.deadline import WATCHDOG, Alarm, wait_allowed
from aideon_desktop.core.providers.registry import BuildContext, ProviderSpec
from aideon_desktop.core.providers.resilience import parse_retry_after

log = logging.getLogger(__name__)
TAIL_WAIT_S = 1.0  # how long the rest of a finished stream may take (see _read_to_the_end)
TAIL_EVENTS = 16


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


# Shapes of API keys and tokens, masked in whatever a provider sends back even when the value
# is not one the app knows (another account's key pasted into a prompt, a key echoed in part).
KEY_SHAPES = re.compile(
    r"\b(?:sk|pk|rk|tk)-[A-Za-z0-9_\-]{16,}|\bhf_[A-Za-z0-9]{16,}|\b[A-Fa-f0-9]{48,}\b"
)


def mask_key(text: str, key: str | None = None) -> str:
    """``text`` fit to show the user: the request's key, every key the app has read
    (``logs.mask_secrets``) and anything shaped like a key are masked."""
    if key:
        text = text.replace(key, MASK)
    return KEY_SHAPES.sub(MASK, mask_secrets(text))


def _detail(response: httpx.Response, key: str | None = None) -> str:
    try:
        body = response.json()
    except (ValueError, json.JSONDecodeError):
        detail: Any = response.text[:200].strip() or response.reason_phrase
    else:
        detail = body.get("error", body) if isinstance(body, dict) else body
        if isinstance(detail, dict):
            detail = detail.get("message") or json.dumps(detail)[:200]
    return mask_key(str(detail)[:300], key)


def http_error(
    display: str, model: str, response: httpx.Response, key: str | None = None
) -> ProviderHTTPError:
    """Map an HTTP error to a specific, user-readable error with retry information; ``key``
    (the one sent) is masked wherever the provider echoed it."""
    status, detail = response.status_code, _detail(response, key)
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
        self._waiting: set[Alarm] = set()  # streams waiting for a first token
        self._waiting_lock = threading.Lock()
        self._client = httpx.Client(
            base_url=config.base_url.rstrip("/") + "/",
            timeout=httpx.Timeout(config.read_timeout_s, connect=config.connect_timeout_s),
            transport=transport,
            limits=httpx.Limits(max_keepalive_connections=8, max_connections=16),
        )

    def close(self) -> None:
        """Close the connections; a stream still waiting for its first token is cut at once
        (closing alone would not wake a blocked read)."""
        with self._waiting_lock:
            waiting = list(self._waiting)
        for alarm in waiting:
            alarm.fire()
        self._client.close()

    def _key(self) -> str | None:
        key = self._get_key()
        if not key and self.config.needs_key:
            raise ProviderHTTPError(
                f"No API key for {self.config.display_name}. Add one in Settings → API keys.",
                status=401,
            )
        return key or None

    @staticmethod
    def _auth(key: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {key}"} if key else {}

    def _waiting_timeout(self, wait_s: float) -> httpx.Timeout:
        """Socket timeouts for one request, none longer than the wait for its first token."""
        config = self.config
        return httpx.Timeout(
            connect=min(config.connect_timeout_s, wait_s),
            read=min(config.read_timeout_s, wait_s),
            write=min(config.read_timeout_s, wait_s),
            pool=min(config.connect_timeout_s, wait_s),
        )

    def _transport_error(self, exc: Exception, waited_out: bool, wait_s: float) -> Exception:
        """The user-readable error for a failed connection, read or write."""
        display = self.config.display_name
        name = type(exc).__name__
        if waited_out:
            return ProviderHTTPError(
                f"{display} sent no answer within {wait_s:.0f} s.", retryable=True
            )
        if isinstance(exc, httpx.ConnectTimeout):
            return ProviderUnreachableError(
                f"Could not connect to {display}: no reply within the connect timeout."
            )
        if isinstance(exc, httpx.ConnectError):
            return ProviderUnreachableError(
                f"Could not connect to {display}: no network, or the server refused."
            )
        if isinstance(exc, httpx.TimeoutException):
            return ProviderHTTPError(f"{display} stopped answering (timed out).", retryable=True)
        log.info("connection to %s failed: %s", display, name)
        return ProviderHTTPError(f"The connection to {display} broke off.", retryable=True)

    # -------------------------------------------------------------------- models
    def list_models(self) -> Any:
        """``GET /models`` — also the cheap health probe."""
        key = self._key()
        try:
            response = self._client.get(
                "models", headers=self._auth(key), timeout=self.config.connect_timeout_s + 5
            )
        except httpx.HTTPError as exc:
            raise ProviderHTTPError(
                f"Could not reach {self.config.display_name}: {type(exc).__name__}", retryable=True
            ) from None
        if response.status_code >= 400:
            raise http_error(self.config.display_name, "(models)", response, key)
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
        key = self._key()
        wait_s = wait_allowed(self.config.first_token_timeout_s, params.deadline)
        if wait_s <= 0:
            raise ProviderHTTPError(
                f"{self.config.display_name} was not tried: the answer's time budget is spent."
            )
        reader = ChatStreamReader(self.config.display_name, mask=lambda text: mask_key(text, key))
        first_token_by = time.monotonic() + wait_s
        alarm: Alarm | None = None
        try:
            with connect_sse(
                self._client,
                "POST",
                "chat/completions",
                json=self._body(messages, model, params),
                headers=self._auth(key),
                timeout=self._waiting_timeout(wait_s),
            ) as source:
                self._check_response(source.response, model, key)
                _allow_full_read_timeout(source.response, self.config.read_timeout_s)
                alarm = WATCHDOG.arm(first_token_by, _cut_off(source.response))
                with self._waiting_lock:
                    self._waiting.add(alarm)
                events = source.iter_sse()
                for event in events:
                    if params.cancel.is_set():
                        reader.cancel()
                        break
                    self._check_first_token(reader, first_token_by, wait_s)
                    deltas = reader.feed(event)
                    if deltas:
                        alarm.cancel()
                    yield from deltas
                    if reader.finished and event.data.strip() == "[DONE]":
                        _read_to_the_end(events, source.response)
                        break
        except (httpx.TransportError, SSEError) as exc:
            waited_out = _waited_out(reader, alarm, first_token_by)
            raise self._transport_error(exc, waited_out, wait_s) from None
        finally:
            if alarm is not None:
                alarm.cancel()
                with self._waiting_lock:
                    self._waiting.discard(alarm)
        if _waited_out(reader, alarm, first_token_by):  # the cut socket read as a clean end
            self._check_first_token(reader, first_token_by, wait_s)
        reader.check_complete()
        yield reader.final_usage(messages)

    def _check_response(self, response: httpx.Response, model: str, key: str | None) -> None:
        display = self.config.display_name
        if response.status_code >= 400:
            response.read()
            raise http_error(display, model, response, key)
        content_type = response.headers.get("content-type", "")
        if "text/event-stream" not in content_type:
            response.read()
            raise ProviderHTTPError(
                f"{display} answered with {content_type or 'no content type'} instead of a stream.",
                retryable=True,
            )

    def _check_first_token(
        self, reader: ChatStreamReader, first_token_by: float, wait_s: float
    ) -> None:
        if reader.first_text_at is None and time.monotonic() >= first_token_by:
            raise ProviderHTTPError(
                f"{self.config.display_name} sent no answer within {wait_s:.0f} s.",
                retryable=True,
            )


def _waited_out(reader: ChatStreamReader, alarm: Alarm | None, first_token_by: float) -> bool:
    """No text came before the first-token deadline (the watchdog may have cut the socket)."""
    return reader.first_text_at is None and (
        (alarm is not None and alarm.fired) or time.monotonic() >= first_token_by
    )


def _allow_full_read_timeout(response: httpx.Response, read_timeout_s: float) -> None:
    """Once the headers are in, reads of the body may take the provider's full read timeout
    again (the first-token wait is the watchdog's from here on).  httpcore reads the request's
    timeout mapping when it starts on the body, which is after this."""
    timeouts = response.request.extensions.get("timeout")
    if isinstance(timeouts, dict):
        timeouts["read"] = read_timeout_s


def _read_to_the_end(events: Iterator[Any], response: httpx.Response) -> None:
    """Read what follows ``[DONE]`` (normally only the body's last chunk), so that the connection
    goes back to the pool and the next answer skips a new TCP and TLS handshake; closing a
    response that is not read to the end closes its connection.  A server that keeps sending
    is left after TAIL_EVENTS events and one that stalls is cut off after TAIL_WAIT_S: the answer
    is complete either way."""
    alarm = WATCHDOG.arm(time.monotonic() + TAIL_WAIT_S, _cut_off(response))
    try:
        for count, _ in enumerate(events):
            if count >= TAIL_EVENTS:
                break
    except (httpx.HTTPError, SSEError):
        pass
    finally:
        alarm.cancel()


def _cut_off(response: httpx.Response) -> Any:
    """The watchdog's action for ``response``: shut its socket down, which wakes a read blocked
    on it (closing alone would not); without a socket (a test transport), close the response."""
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None

    def cut() -> None:
        if isinstance(sock, socket.socket):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the raw socket, even under TLS
        else:
            response.close()

    return cut
