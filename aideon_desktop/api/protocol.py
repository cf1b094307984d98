"""uvicorn's h11 protocol with the limits a local server still needs.

uvicorn bounds idle keep-alive connections (``timeout_keep_alive``) and header size (h11), but a
connection that never finishes its request head — or trickles its body — is held forever.  This
protocol adds:

* **a connection cap**: beyond ``max_connections`` open connections a new one gets a 503 and is
  closed at once, so a flood of half-sent requests cannot grow without bound (each is a socket
  on the event loop, never a thread);
* **a header timeout**: the request line and headers must be complete within
  ``header_timeout_s`` of the first byte (or of the connection), else 408 and close;
* **a body deadline backstop**: the app answers a slow body with a 408 after
  ``body_timeout_s``; if the client keeps trickling past that, the connection is closed;
* **clean 4xx answers for broken HTTP** (``Content-Length: abc``, oversized headers): the
  OpenAI-shaped JSON error with the status h11 suggests (400, 431…), not a text/plain line;
* **a lingering close**: a connection closed while the client is still sending a body we will
  not read (413, 408) first half-closes and discards what still comes, for at most
  ``LINGER_S`` and ``LINGER_BYTES``, so the client reads the answer instead of a reset.  The
  discarded bytes are never parsed, least of all as another request.
"""

from __future__ import annotations

import asyncio
import http
import logging
import time
from typing import Any

import h11
from h11._connection import DEFAULT_MAX_INCOMPLETE_EVENT_SIZE
from uvicorn.protocols.http.h11_impl import H11Protocol

from aideon_desktop.api.errors import raw_error_response

log = logging.getLogger(__name__)


class _QuietBadRequests(logging.Filter):
    """uvicorn warns once per unparsable request; the 400 says it to the client, and a local
    program sending junk in a loop must not fill the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != "Invalid HTTP request received."


logging.getLogger("uvicorn.error").addFilter(_QuietBadRequests())


class _Refusals:
    """One log line per burst of refused connections, not one per connection."""

    def __init__(self, every_s: float = 10.0) -> None:
        self.every_s, self.count, self.logged_at = every_s, 0, -every_s

    def note(self, limit: int) -> None:
        self.count += 1
        now = time.monotonic()
        if now - self.logged_at >= self.every_s:
            log.warning("api: %d connection(s) refused, %d already open", self.count, limit)
            self.count, self.logged_at = 0, now


_refusals = _Refusals()
BODY_GRACE_S = 1.0  # the app's own 408 comes first; this only catches a client that ignores it
LINGER_S = 3.0
LINGER_BYTES = 32 * 1024 * 1024


class _LingeringTransport:
    """The connection's transport, but ``close()`` while the client is mid-body lingers."""

    def __init__(self, transport: asyncio.Transport, protocol: GuardedH11Protocol) -> None:
        self._transport, self._protocol = transport, protocol
        self.lingering = False
        self._discarded = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)

    def is_closing(self) -> bool:
        return self.lingering or self._transport.is_closing()

    def close(self) -> None:
        if self.is_closing():
            return
        if self._protocol.conn.their_state is not h11.SEND_BODY:
            self._transport.close()
            return
        self.lingering = True
        self._transport.write_eof()  # the answer is out; then FIN
        self._transport.resume_reading()
        self._protocol.loop.call_later(LINGER_S, self._transport.close)

    def discard(self, data: bytes) -> None:
        self._discarded += len(data)
        if self._discarded > LINGER_BYTES:
            self._transport.close()


class _RecordingConnection(h11.Connection):
    """Keeps the last protocol error, so the 400 can say what was wrong."""

    last_error: h11.RemoteProtocolError | None = None

    def next_event(self) -> Any:
        try:
            return super().next_event()
        except h11.RemoteProtocolError as exc:
            self.last_error = exc
            raise


def guarded_protocol(
    max_connections: int, header_timeout_s: float, body_timeout_s: float
) -> type[H11Protocol]:
    """The protocol class for one server's limits (uvicorn instantiates it per connection)."""

    class Guarded(GuardedH11Protocol):
        pass

    Guarded.max_connections = max_connections
    Guarded.header_timeout_s = header_timeout_s
    Guarded.body_timeout_s = body_timeout_s
    return Guarded


class GuardedH11Protocol(H11Protocol):
    max_connections = 64
    header_timeout_s = 10.0
    body_timeout_s = 30.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conn = _RecordingConnection(
            h11.SERVER,
            self.config.h11_max_incomplete_event_size or DEFAULT_MAX_INCOMPLETE_EVENT_SIZE,
        )
        self._timer: asyncio.TimerHandle | None = None
        self._timing: str | None = None  # "head" or "body": what the timer is waiting for

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        if len(self.connections) >= self.max_connections:
            self.transport = transport  # never counted as open: refused before it is
            _refusals.note(self.max_connections)
            self._refuse(503, "Too many open connections to the local API; try again shortly.")
            return
        super().connection_made(_LingeringTransport(transport, self))  # type: ignore[arg-type]
        self._arm("head", self.header_timeout_s)

    def data_received(self, data: bytes) -> None:
        if getattr(self.transport, "lingering", False):
            self.transport.discard(data)  # type: ignore[attr-defined]
            return
        super().data_received(data)
        self._follow_request()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._follow_request()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    # ------------------------------------------------------------------ timers
    def _follow_request(self) -> None:
        """Arm the timer for what the client still owes: the head, the body, or nothing."""
        state = self.conn.their_state
        if state is h11.IDLE and self.conn.trailing_data[0]:
            if self._timing != "head":  # part of a new request head has arrived
                self._arm("head", self.header_timeout_s)
        elif state is h11.SEND_BODY:
            if self._timing != "body":
                self._arm("body", self.body_timeout_s + BODY_GRACE_S)
        else:
            self._disarm()

    def _arm(self, what: str, seconds: float) -> None:
        self._disarm()
        self._timing = what
        self._timer = self.loop.call_later(seconds, self._timed_out)

    def _disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer, self._timing = None, None

    def _timed_out(self) -> None:
        what, self._timer, self._timing = self._timing, None, None
        if self.transport.is_closing():
            return
        if what == "head" and self.conn.their_state is h11.IDLE:
            self._refuse(
                408, f"The request headers did not arrive within {self.header_timeout_s:.0f} s."
            )
        else:
            self.transport.close()

    # ------------------------------------------------------------------ errors
    def _refuse(self, status: int, message: str) -> None:
        reason = http.HTTPStatus(status).phrase
        code = {408: "timeout", 503: "too_many_connections"}.get(status, "bad_request")
        self.transport.write(raw_error_response(status, reason, message, code))
        self.transport.close()

    def send_400_response(self, msg: str) -> None:
        """uvicorn calls this for a request h11 cannot parse."""
        error = self.conn.last_error
        status = error.error_status_hint if error is not None else 400
        # h11's reason without the bytes it quotes (they are the client's own input).
        detail = str(error).split(":")[0] if error is not None and str(error) else msg
        log.info("api: malformed request (%s)", detail)
        self._disarm()
        self._refuse(status, f"Malformed HTTP request: {detail}.")
